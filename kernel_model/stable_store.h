// Storage for the model's objects: they are linked to each other by pointer, so an object never
// moves once placed. Objects sit in chunks whose capacity doubles (8, 16, 32, ...), one
// allocation per chunk: exploration builds a machine per schedule, and a node per KTHREAD (a
// deque holds one object larger than 512 bytes per node) made that mostly malloc and free.
// Iterates in creation order over contiguous runs, which a full invariant pass walks each step.
#pragma once

#include <array>
#include <cstddef>
#include <iterator>
#include <memory>
#include <new>
#include <span>

namespace km {

template <typename T>
class StableStore {
  static constexpr std::size_t FirstChunk = 8;
  static constexpr std::size_t MaxChunks = 40;  // 8 << 39 objects: more than memory holds

  struct Chunk {
    T* items;
    std::size_t count;
    std::size_t capacity;
  };

 public:
  StableStore() = default;
  StableStore(const StableStore&) = delete;
  StableStore& operator=(const StableStore&) = delete;
  ~StableStore() {
    for (Chunk& c : std::span(chunks_.data(), used_)) {
      std::destroy_n(c.items, c.count);
      ::operator delete(c.items, std::align_val_t{alignof(T)});
    }
  }

  T& emplace_back() {
    if (used_ == 0 || chunks_[used_ - 1].count == chunks_[used_ - 1].capacity) {
      const std::size_t capacity = used_ == 0 ? FirstChunk : chunks_[used_ - 1].capacity * 2;
      chunks_[used_++] = {static_cast<T*>(::operator new(capacity * sizeof(T), std::align_val_t{alignof(T)})), 0, capacity};
    }
    Chunk& c = chunks_[used_ - 1];
    // Default-initialised, not value-initialised: the members' own initialisers apply, and
    // storage meant to be filled later (a wait's object slots) is not zeroed first.
    T* item = ::new (static_cast<void*>(c.items + c.count)) T;
    ++c.count;
    ++size_;
    return *item;
  }
  std::size_t size() const { return size_; }

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;

    const_iterator() = default;
    const T& operator*() const { return *item_; }
    const T* operator->() const { return item_; }
    const_iterator& operator++() {
      if (++item_ != end_) return *this;
      // Past the last chunk the iterator is end(): it names no chunk, so a chunk that happens to
      // start where the last one ends cannot be mistaken for it.
      if (++chunk_ == last_) return *this;
      item_ = chunk_->items;
      end_ = item_ + chunk_->count;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++*this;
      return before;
    }
    // The item first: inside a loop it differs from end()'s, and the chunk is mostly the same.
    bool operator==(const const_iterator& o) const { return item_ == o.item_ && chunk_ == o.chunk_; }

   private:
    friend class StableStore;
    const_iterator(const Chunk* chunk, const Chunk* last, const T* item)
        : chunk_(chunk), last_(last), item_(item), end_(chunk == last ? item : chunk->items + chunk->count) {}
    const Chunk* chunk_ = nullptr;
    const Chunk* last_ = nullptr;
    const T* item_ = nullptr;
    const T* end_ = nullptr;
  };

  const_iterator begin() const {
    const Chunk* first = chunks_.data();
    return used_ == 0 ? end() : const_iterator(first, first + used_, first->items);
  }
  const_iterator end() const {
    if (used_ == 0) return {};
    const Chunk& back = chunks_[used_ - 1];
    const Chunk* last = chunks_.data() + used_;
    return const_iterator(last, last, back.items + back.count);
  }

 private:
  // Chunks in an array of their own, not a vector: an empty store allocates nothing.
  std::array<Chunk, MaxChunks> chunks_;
  std::size_t used_ = 0;
  std::size_t size_ = 0;
};

}  // namespace km
