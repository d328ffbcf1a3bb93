// The JSON export.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "viz/json.h"
#include "viz/lab_fixture.h"
#include "viz/seed_fixture.h"

TEST_CASE("to_json holds every part of the snapshot, addresses as hex strings and enums as names") {
  const auto root = nlohmann::json::parse(viz::to_json(seed::snapshot()));
  CHECK(root["SchemaVersion"] == 1);
  CHECK(root["Machine"]["TickCount"] == 65428);
  CHECK(root["Machine"]["KernelBase"] == "0xfffff8054d200000");
  CHECK(root["Threads"].size() == 257);
  const auto& move = root["Threads"][256];
  CHECK(move["Self"] == "0xffffc983f3fb4040");
  CHECK(move["State"] == "Waiting");
  CHECK(move["WaitReason"] == "Executive");
  CHECK(move["WaitMode"] == "KernelMode");
  CHECK(move["WaitBlocks"][0]["WaitType"] == "WaitAny");
  CHECK(move["WaitBlocks"][0]["BlockState"] == "WaitBlockActive");
  CHECK(move["Stack"][4]["Function"] == "FileMoveThread");
  CHECK(root["WaitBlocks"].size() == 2);
  CHECK(root["Objects"][0]["TypeName"] == "Mutant");
  CHECK(root["Objects"][0]["OwnerThread"] == "0xffffc983f2d47040");
  CHECK(root["Timers"][0]["Thread"] == "0xffffc983f2d47040");
  CHECK(root["Processes"].size() == 9);
  CHECK(root["Modules"][2]["ImageName"] == "myfault.sys");
  CHECK(root["Bugcheck"]["Args"][0] == "0xffff8001acdc6010");
}

TEST_CASE("to_json lists ready queues and a missing bugcheck as null; output is stable") {
  km::Snapshot snap = lab::snapshot();
  snap.Bugcheck.reset();
  const std::string text = viz::to_json(snap);
  CHECK(text == viz::to_json(snap));
  const auto root = nlohmann::json::parse(text);
  CHECK(root["Bugcheck"].is_null());
  REQUIRE(root["ReadyQueues"].size() == 1);
  CHECK(root["ReadyQueues"][0]["Priority"] == 8);
  CHECK(root["ReadyQueues"][0]["Threads"][0] == "0xffff900000016040");
  CHECK(text.find("\"Bugcheck\"") < text.find("\"Machine\""));  // keys sorted
}
