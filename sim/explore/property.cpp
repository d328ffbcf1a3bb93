#include "property.h"

namespace ksim::explore {

const std::vector<std::string_view>& property_names() {
  static const std::vector<std::string_view> names = {"exclusive", "all-moved"};
  return names;
}

std::unique_ptr<Property> make_property(std::string_view name, const PropertyContext& context, std::string& error) {
  if (name == "exclusive") return make_exclusive(context);
  if (name == "all-moved") {
    const auto files = context.parameters.find("files");
    const auto writes = context.parameters.find("writes");
    if (files == context.parameters.end() || writes == context.parameters.end()) {
      error = "property all-moved needs the parameters files and writes";
      return nullptr;
    }
    return make_all_moved(context, files->second, writes->second);
  }
  error = "unknown property '" + std::string(name) + "' (properties: exclusive, all-moved)";
  return nullptr;
}

}  // namespace ksim::explore
