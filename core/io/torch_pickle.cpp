#include "core/io/torch_pickle.h"

#include "core/runtime/error.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

namespace bw::io {
namespace {

// The pickle opcodes understood here (their meaning: CPython's Lib/pickletools.py). Anything else
// is refused: torch.save never emits it for a state dict.
// clang-format off
enum class Op : uint8_t {
    Mark = '(', Stop = '.', BinInt = 'J', BinInt1 = 'K', BinInt2 = 'M', None = 'N', BinPersId = 'Q',
    Reduce = 'R', BinString = 'T', ShortBinString = 'U', BinUnicode = 'X', Append = 'a', Build = 'b',
    Global = 'c', Appends = 'e', BinGet = 'h', LongBinGet = 'j', EmptyList = ']', BinPut = 'q',
    LongBinPut = 'r', SetItem = 's', Tuple = 't', EmptyTuple = ')', SetItems = 'u', BinFloat = 'G',
    EmptyDict = '}', Proto = 0x80, Tuple1 = 0x85, Tuple2 = 0x86, Tuple3 = 0x87, NewTrue = 0x88,
    NewFalse = 0x89, Long1 = 0x8a, ShortBinUnicode = 0x8c, BinUnicode8 = 0x8d, StackGlobal = 0x93,
    Memoize = 0x94, Frame = 0x95,
};
// clang-format on

// Tensors of more dimensions than this are not a state dict's; the bound keeps checks cheap.
constexpr size_t kMaxDims = 64;

enum class Callable { OrderedDict, RebuildTensorV2, RebuildParameter, RebuildParameterWithState, Storage };

struct Global {
    std::string name;  // "module.qualname", for messages
    Callable callable;
    torch::ScalarType storageType = torch::kFloat;  // for Callable::Storage
};

// The only globals a checkpoint may name. This list is the security boundary.
const std::map<std::string, Global>& allowedGlobals() {
    static const std::map<std::string, Global> globals = [] {
        std::map<std::string, Global> g;
        auto add = [&](const std::string& name, Callable c, torch::ScalarType t = torch::kFloat) {
            g.emplace(name, Global{name, c, t});
        };
        add("collections.OrderedDict", Callable::OrderedDict);
        add("torch._utils._rebuild_tensor_v2", Callable::RebuildTensorV2);
        add("torch._utils._rebuild_parameter", Callable::RebuildParameter);
        add("torch._utils._rebuild_parameter_with_state", Callable::RebuildParameterWithState);
        const std::pair<const char*, torch::ScalarType> storages[] = {
            {"Float", torch::kFloat},   {"Half", torch::kHalf}, {"BFloat16", torch::kBFloat16},
            {"Double", torch::kDouble}, {"Long", torch::kLong}, {"Int", torch::kInt},
            {"Short", torch::kShort},   {"Char", torch::kChar}, {"Byte", torch::kByte},
            {"Bool", torch::kBool},
        };
        for (const auto& [prefix, type] : storages)
            add(std::string("torch.") + prefix + "Storage", Callable::Storage, type);
        return g;
    }();
    return globals;
}

enum class Kind { None, Bool, Int, Float, String, Tuple, List, Dict, Global, Storage, Tensor };

const char* kindName(Kind kind) {
    switch (kind) {
    case Kind::None: return "None";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::String: return "string";
    case Kind::Tuple: return "tuple";
    case Kind::List: return "list";
    case Kind::Dict: return "dict";
    case Kind::Global: return "global";
    case Kind::Storage: return "storage";
    case Kind::Tensor: return "tensor";
    }
    return "value";
}

struct Value;
using ValuePtr = std::shared_ptr<Value>;

// A Python object as far as a state dict needs one. Containers are shared, as Python objects are:
// SETITEMS on a memoized dict must show through every reference to it.
struct Value {
    Kind kind = Kind::None;
    int64_t integer = 0;                                 // Bool, Int
    double real = 0;                                     // Float
    std::string text;                                    // String; the key of a Storage; why a Tensor's
                                                         // view is refused ("" when it is not)
    std::vector<ValuePtr> items;                         // Tuple, List
    std::vector<std::pair<ValuePtr, ValuePtr>> entries;  // Dict, in insertion order
    const Global* global = nullptr;                      // Global
    torch::Tensor tensor;                                // Storage (1-D, all elements), Tensor (a view;
                                                         // undefined when refused)
};

std::string hexByte(uint8_t byte) {
    char text[8];
    std::snprintf(text, sizeof text, "0x%02x", byte);
    return text;
}

class Unpickler {
public:
    Unpickler(const std::string& source, const uint8_t* data, size_t size, const StorageLoader& loadStorage)
        : source_(source), data_(data), size_(size), loadStorage_(loadStorage) {}

    // Every container is in arena_, so unlinking them all first frees even a deeply nested or
    // cyclic object graph (which a hostile pickle can build) without recursion or leaks.
    ~Unpickler() {
        for (const ValuePtr& v : arena_) {
            v->items.clear();
            v->entries.clear();
        }
    }

    TensorMap readStateDict() {
        const ValuePtr root = run();
        if (root->kind != Kind::Dict)
            fail(std::string("data.pkl holds a ") + kindName(root->kind) +
                 ", not a state dict (a dict of name -> tensor)");
        TensorMap tensors;
        for (const auto& [key, value] : root->entries) {
            if (key->kind != Kind::String)
                fail(std::string("the state dict has a key that is a ") + kindName(key->kind) +
                     ", not a name");
            if (value->kind != Kind::Tensor)
                fail("state dict entry '" + key->text + "' is a " + kindName(value->kind) + ", not a tensor");
            if (!value->text.empty()) fail("tensor '" + key->text + "': " + value->text);
            tensors[key->text] = value->tensor;  // a repeated key replaces the earlier one, as in Python
        }
        return tensors;
    }

private:
    [[noreturn]] void fail(const std::string& what) const { throw bw::Error(source_ + ": " + what); }
    [[noreturn]] void malformed(const std::string& what) const {
        fail("data.pkl is malformed: " + what + " (opcode at byte " + std::to_string(opPos_) + ")");
    }

    // --- reading the byte stream
    const uint8_t* take(uint64_t n) {
        if (n > size_ - pos_)
            malformed("it is truncated (" + std::to_string(n) + " bytes wanted, " +
                      std::to_string(size_ - pos_) + " left)");
        const uint8_t* p = data_ + pos_;
        pos_ += n;
        return p;
    }
    uint64_t readLE(size_t n) {
        const uint8_t* p = take(n);
        uint64_t v = 0;
        for (size_t i = n; i-- > 0;) v = (v << 8) | p[i];
        return v;
    }
    std::string readString(uint64_t n) {
        const uint8_t* p = take(n);
        return std::string(reinterpret_cast<const char*>(p), n);
    }
    std::string readLine() {
        const void* newline = std::memchr(data_ + pos_, '\n', size_ - pos_);
        if (!newline) malformed("it is truncated inside a GLOBAL name");
        const size_t n = static_cast<const uint8_t*>(newline) - (data_ + pos_);
        std::string line = readString(n);
        ++pos_;
        return line;
    }

    // --- the stack; a MARK hides what lies below it, as in CPython
    size_t floor() const { return marks_.empty() ? 0 : marks_.back(); }
    ValuePtr make(Kind kind) {
        auto v = std::make_shared<Value>();
        v->kind = kind;
        if (kind == Kind::Tuple || kind == Kind::List || kind == Kind::Dict) arena_.push_back(v);
        return v;
    }
    const ValuePtr& top() const {
        if (stack_.size() <= floor()) malformed("stack underflow");
        return stack_.back();
    }
    ValuePtr pop() {
        ValuePtr v = top();
        stack_.pop_back();
        return v;
    }
    std::vector<ValuePtr> popToMark() {
        if (marks_.empty()) malformed("no MARK to pop to");
        std::vector<ValuePtr> items(stack_.begin() + static_cast<std::ptrdiff_t>(marks_.back()),
                                    stack_.end());
        stack_.resize(marks_.back());
        marks_.pop_back();
        return items;
    }
    ValuePtr popKind(Kind kind, const char* what) {
        ValuePtr v = pop();
        if (v->kind != kind)
            malformed(std::string(what) + " is a " + kindName(v->kind) + ", not a " + kindName(kind));
        return v;
    }
    const ValuePtr& topKind(Kind kind, const char* what) const {
        const ValuePtr& v = top();
        if (v->kind != kind)
            malformed(std::string(what) + " is a " + kindName(v->kind) + ", not a " + kindName(kind));
        return v;
    }
    void pushTuple(std::vector<ValuePtr> items) {
        ValuePtr t = make(Kind::Tuple);
        t->items = std::move(items);
        stack_.push_back(std::move(t));
    }
    void pushInt(int64_t v, Kind kind = Kind::Int) {
        ValuePtr i = make(kind);
        i->integer = v;
        stack_.push_back(std::move(i));
    }
    void pushString(std::string s) {
        ValuePtr v = make(Kind::String);
        v->text = std::move(s);
        stack_.push_back(std::move(v));
    }

    // --- memo
    void memoPut(uint64_t index) { memo_[index] = top(); }
    void memoGet(uint64_t index) {
        const auto found = memo_.find(index);
        if (found == memo_.end()) malformed("memo entry " + std::to_string(index) + " was never stored");
        stack_.push_back(found->second);
    }

    // --- globals and calls
    void pushGlobal(const std::string& module, const std::string& name) {
        const std::string full = module + "." + name;
        const auto& allowed = allowedGlobals();
        const auto found = allowed.find(full);
        if (found == allowed.end())
            fail("refusing to load: the pickle asks for global '" + full +
                 "'; only tensors and dicts may appear in a checkpoint");
        ValuePtr g = make(Kind::Global);
        g->global = &found->second;
        stack_.push_back(std::move(g));
    }

    void reduce() {
        const ValuePtr args = popKind(Kind::Tuple, "the REDUCE arguments");
        const ValuePtr callee = popKind(Kind::Global, "the REDUCE callee");
        const Global& g = *callee->global;
        const std::vector<ValuePtr>& a = args->items;
        switch (g.callable) {
        case Callable::OrderedDict:
            if (!a.empty()) malformed("OrderedDict is called with arguments");
            stack_.push_back(make(Kind::Dict));
            return;
        case Callable::RebuildTensorV2: stack_.push_back(rebuildTensor(a)); return;
        case Callable::RebuildParameter:
        case Callable::RebuildParameterWithState:
            // (data, requires_grad, backward_hooks[, state]): the tensor is all a state dict needs.
            if (a.size() != (g.callable == Callable::RebuildParameter ? 3u : 4u))
                malformed(g.name + " is called with " + std::to_string(a.size()) + " arguments");
            if (a[0]->kind != Kind::Tensor)
                malformed(g.name + " is called on a " + std::string(kindName(a[0]->kind)));
            stack_.push_back(a[0]);
            return;
        case Callable::Storage: malformed(g.name + " is called; storages may only appear in persistent ids");
        }
    }

    int64_t intArg(const ValuePtr& v, const std::string& what) const {
        if (v->kind != Kind::Int) malformed(what + " is a " + kindName(v->kind) + ", not an int");
        return v->integer;
    }
    std::vector<int64_t> intTuple(const ValuePtr& v, const std::string& what) const {
        if (v->kind != Kind::Tuple) malformed(what + " is a " + kindName(v->kind) + ", not a tuple");
        if (v->items.size() > kMaxDims)
            malformed(what + " has more than " + std::to_string(kMaxDims) + " dimensions");
        std::vector<int64_t> out;
        for (const ValuePtr& item : v->items) {
            out.push_back(intArg(item, what + " element"));
            if (out.back() < 0) malformed(what + " has a negative element " + std::to_string(out.back()));
        }
        return out;
    }

    // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
    ValuePtr rebuildTensor(const std::vector<ValuePtr>& a) {
        if (a.size() != 6 && a.size() != 7)
            malformed("_rebuild_tensor_v2 is called with " + std::to_string(a.size()) + " arguments");
        if (a[0]->kind != Kind::Storage)
            malformed("_rebuild_tensor_v2 is called on a " + std::string(kindName(a[0]->kind)));
        const torch::Tensor& storage = a[0]->tensor;
        const int64_t offset = intArg(a[1], "the storage offset");
        const std::vector<int64_t> size = intTuple(a[2], "the tensor size");
        const std::vector<int64_t> stride = intTuple(a[3], "the tensor stride");
        if (size.size() != stride.size()) malformed("the tensor size and stride differ in length");
        if (offset < 0) malformed("the storage offset is negative");

        // A view torch.save would not write is refused once its name is known (readStateDict), so
        // that the message can say which tensor it is; until then it is never materialised.
        ValuePtr t = make(Kind::Tensor);
        t->text = viewProblem(storage.numel(), a[0]->text, offset, size, stride);
        if (t->text.empty()) t->tensor = storage.as_strided(size, stride, offset);
        return t;
    }

    // Why a view of `available` stored elements cannot be a saved tensor, or "" when it can. torch.save
    // writes a tensor as its storage plus the view's offset, size and stride: contiguous, or the
    // strides of a transposed / sliced / permuted view. All of those stay inside the storage and give
    // every element its own stored value; a view that reaches past the storage, or whose elements
    // share stored values (stride 0, overlapping strides: one stored number standing for any count of
    // weights), is not one of them. A stride of 0 on a dimension of size 1 (Hugging Face's expanded
    // position_ids) shares nothing and is fine.
    static std::string viewProblem(int64_t available, const std::string& storageKey, int64_t offset,
                                   const std::vector<int64_t>& size, const std::vector<int64_t>& stride) {
        const std::string view = "its view (offset " + std::to_string(offset) + ", size " +
                                 c10::str(c10::IntArrayRef(size)) + ", stride " +
                                 c10::str(c10::IntArrayRef(stride)) + ")";
        // The last element is offset + sum((size-1)*stride).
        bool empty = false;
        int64_t last = offset;
        int64_t elements = 1;
        bool overflow = false;
        for (size_t d = 0; d < size.size(); ++d) {
            empty = empty || size[d] == 0;
            int64_t reach = 0;
            overflow = overflow ||
                       __builtin_mul_overflow(size[d] == 0 ? 0 : size[d] - 1, stride[d], &reach) ||
                       __builtin_add_overflow(last, reach, &last) ||
                       __builtin_mul_overflow(elements, size[d], &elements);
        }
        if (overflow || (empty ? offset > available : last >= available))
            return view + " reaches beyond its storage '" + storageKey + "' of " + std::to_string(available) +
                   " elements";
        // Dimensions by increasing stride: each must step past everything the smaller ones reach.
        std::vector<std::pair<int64_t, int64_t>> dims;  // (stride, size) of the dimensions that repeat
        for (size_t d = 0; d < size.size(); ++d)
            if (size[d] > 1) dims.emplace_back(stride[d], size[d]);
        std::sort(dims.begin(), dims.end());
        int64_t inner_reach = 0;
        for (const auto& [dim_stride, dim_size] : dims) {
            if (dim_stride <= inner_reach)
                return view + " repeats stored elements (a stride-0 or overlapping view), which torch.save "
                              "never writes for a parameter";
            inner_reach += (dim_size - 1) * dim_stride;  // bounded by `last`, checked above
        }
        return {};
    }

    // ('storage', <torch.XStorage>, key, location, numel) -> the storage, loaded once per key so
    // that tensors sharing it (tied weights) stay views of one buffer.
    void persistentLoad() {
        const ValuePtr pid = popKind(Kind::Tuple, "the persistent id");
        const std::vector<ValuePtr>& p = pid->items;
        if (p.size() != 5 || p[0]->kind != Kind::String || p[0]->text != "storage")
            malformed("the persistent id is not ('storage', type, key, location, numel)");
        if (p[1]->kind != Kind::Global || p[1]->global->callable != Callable::Storage)
            malformed("the persistent id does not name a storage type");
        if (p[2]->kind != Kind::String)
            malformed("the storage key is a " + std::string(kindName(p[2]->kind)));
        const torch::ScalarType type = p[1]->global->storageType;
        const std::string& key = p[2]->text;
        const int64_t numel = intArg(p[4], "the storage size");
        if (numel < 0) malformed("storage '" + key + "' has a negative size");

        ValuePtr& storage = storages_[key];
        if (!storage) {
            storage = make(Kind::Storage);
            storage->text = key;
            storage->tensor = loadStorage_(key, type, numel);
            const torch::Tensor& t = storage->tensor;
            if (!t.defined() || t.dim() != 1 || t.numel() != numel || t.scalar_type() != type)
                fail("storage '" + key + "' could not be loaded as " + std::to_string(numel) + " elements");
        } else if (storage->tensor.scalar_type() != type || storage->tensor.numel() != numel) {
            malformed("storage '" + key + "' is used with two different types or sizes");
        }
        stack_.push_back(storage);
    }

    ValuePtr run() {
        while (pos_ < size_) {
            opPos_ = pos_;
            const uint8_t byte = *take(1);
            switch (static_cast<Op>(byte)) {
            case Op::Proto: {
                const uint8_t version = *take(1);
                if (version < 2 || version > 5)
                    malformed("unsupported pickle protocol " + std::to_string(version));
                break;
            }
            case Op::Frame: {
                const uint64_t frame = readLE(8);  // framing only groups opcodes; the bytes follow inline
                if (frame > size_ - pos_) malformed("a FRAME runs past the end of the data");
                break;
            }
            case Op::Stop: return pop();
            case Op::Mark: marks_.push_back(stack_.size()); break;
            case Op::None: stack_.push_back(make(Kind::None)); break;
            case Op::NewTrue: pushInt(1, Kind::Bool); break;
            case Op::NewFalse: pushInt(0, Kind::Bool); break;
            case Op::BinInt: pushInt(static_cast<int32_t>(readLE(4))); break;
            case Op::BinInt1: pushInt(static_cast<int64_t>(readLE(1))); break;
            case Op::BinInt2: pushInt(static_cast<int64_t>(readLE(2))); break;
            case Op::Long1: {
                const size_t n = *take(1);
                if (n > 8)
                    malformed("a LONG1 integer of " + std::to_string(n) + " bytes does not fit 64 bits");
                uint64_t v = readLE(n);
                if (n > 0 && n < 8 && (v >> (8 * n - 1)) & 1) v |= ~uint64_t{0} << (8 * n);  // sign-extend
                pushInt(static_cast<int64_t>(v));
                break;
            }
            case Op::BinFloat: {
                const uint8_t* p = take(8);
                uint64_t bits = 0;
                for (int i = 0; i < 8; ++i) bits = (bits << 8) | p[i];  // big-endian, unlike the rest
                ValuePtr f = make(Kind::Float);
                std::memcpy(&f->real, &bits, sizeof bits);
                stack_.push_back(std::move(f));
                break;
            }
            case Op::ShortBinUnicode:
            case Op::ShortBinString: pushString(readString(readLE(1))); break;
            case Op::BinUnicode: pushString(readString(readLE(4))); break;
            case Op::BinUnicode8: pushString(readString(readLE(8))); break;
            case Op::BinString: {
                const auto n = static_cast<int32_t>(readLE(4));
                if (n < 0) malformed("a BINSTRING has a negative length");
                pushString(readString(static_cast<uint64_t>(n)));
                break;
            }
            case Op::EmptyTuple: pushTuple({}); break;
            case Op::Tuple: pushTuple(popToMark()); break;
            case Op::Tuple1:
            case Op::Tuple2:
            case Op::Tuple3: {
                std::vector<ValuePtr> items(byte - static_cast<uint8_t>(Op::Tuple1) + 1);
                for (size_t i = items.size(); i-- > 0;) items[i] = pop();
                pushTuple(std::move(items));
                break;
            }
            case Op::EmptyList: stack_.push_back(make(Kind::List)); break;
            case Op::EmptyDict: stack_.push_back(make(Kind::Dict)); break;
            case Op::Append: {
                ValuePtr v = pop();
                topKind(Kind::List, "the APPEND target")->items.push_back(std::move(v));
                break;
            }
            case Op::Appends: {
                std::vector<ValuePtr> items = popToMark();
                auto& list = topKind(Kind::List, "the APPENDS target")->items;
                list.insert(list.end(), items.begin(), items.end());
                break;
            }
            case Op::SetItem: {
                ValuePtr value = pop();
                ValuePtr key = pop();
                topKind(Kind::Dict, "the SETITEM target")
                    ->entries.emplace_back(std::move(key), std::move(value));
                break;
            }
            case Op::SetItems: {
                std::vector<ValuePtr> items = popToMark();
                if (items.size() % 2) malformed("SETITEMS has a key without a value");
                auto& entries = topKind(Kind::Dict, "the SETITEMS target")->entries;
                for (size_t i = 0; i < items.size(); i += 2) entries.emplace_back(items[i], items[i + 1]);
                break;
            }
            case Op::BinPut: memoPut(readLE(1)); break;
            case Op::LongBinPut: memoPut(readLE(4)); break;
            case Op::Memoize: memoPut(memo_.size()); break;
            case Op::BinGet: memoGet(readLE(1)); break;
            case Op::LongBinGet: memoGet(readLE(4)); break;
            case Op::Global: {
                const std::string module = readLine();
                const std::string name = readLine();
                pushGlobal(module, name);
                break;
            }
            case Op::StackGlobal: {
                const std::string name = popKind(Kind::String, "the STACK_GLOBAL name")->text;
                const std::string module = popKind(Kind::String, "the STACK_GLOBAL module")->text;
                pushGlobal(module, name);
                break;
            }
            case Op::Reduce: reduce(); break;
            case Op::BinPersId: persistentLoad(); break;
            case Op::Build: {
                // torch.save stores the state dict's `_metadata` (per-module versions) this way; only
                // an ordered dict may receive state, and the state is not needed to load tensors.
                pop();
                topKind(Kind::Dict, "the BUILD target");
                break;
            }
            default:
                fail("data.pkl uses unsupported pickle opcode " + hexByte(byte) + " at byte " +
                     std::to_string(opPos_));
            }
        }
        opPos_ = pos_;
        malformed("it ends without a STOP opcode");
    }

    std::string source_;
    const uint8_t* data_;
    size_t size_;
    size_t pos_ = 0;
    size_t opPos_ = 0;
    const StorageLoader& loadStorage_;
    std::vector<ValuePtr> stack_;
    std::vector<size_t> marks_;
    std::unordered_map<uint64_t, ValuePtr> memo_;
    std::map<std::string, ValuePtr> storages_;
    std::vector<ValuePtr> arena_;
};

}  // namespace

TensorMap unpickleStateDict(const std::string& source, const uint8_t* data, size_t size,
                            const StorageLoader& loadStorage) {
    Unpickler unpickler(source, data, size, loadStorage);
    return unpickler.readStateDict();
}

}  // namespace bw::io
