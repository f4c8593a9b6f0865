/// A fixed map from 64-bit keys to small non-negative numbers, built once and only read after.
///
/// The keys it holds are already hashes (``MeasureWords/key(_:)``, FNV-1a over a syllable's
/// scalars), so a lookup needs no `Hasher` (SipHash costs more than the whole FNV step) and no
/// resilient `Dictionary` call: one multiply, a mask and, almost always, one probe. Used where every
/// parse looks up every word: the repair screen's frequent words and the normaliser's syllables.
/// Lookups never depend on insertion order, so results are deterministic.
struct KeyTable: Sendable {
    private var keys: [UInt64]
    /// -1 marks an empty slot.
    private var values: [Int32]
    private let shift: UInt64

    /// A table for at most `capacity` keys (kept at most half full).
    init(capacity: Int) {
        var bits = 4
        while (1 << bits) < 2 * max(capacity, 1) { bits += 1 }
        keys = Array(repeating: 0, count: 1 << bits)
        values = Array(repeating: -1, count: 1 << bits)
        shift = UInt64(64 - bits)
    }

    /// The keys of `set`, each with the value 0 (a set: ``contains(_:)`` is what is asked).
    init(_ set: Set<UInt64>) {
        self.init(capacity: set.count)
        for key in set { self[key] = 0 }
    }

    /// Fibonacci hashing: the top bits of the product spread keys that differ in any bit.
    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The value stored for `key`, or nil. Setting a value of nil is not supported.
    subscript(key: UInt64) -> Int? {
        @inline(__always) get {
            let mask = keys.count - 1
            var i = slot(key)
            while true {
                let value = values[i]
                if value < 0 { return nil }
                if keys[i] == key { return Int(value) }
                i = (i + 1) & mask
            }
        }
        set {
            guard let newValue else { preconditionFailure("KeyTable does not remove keys") }
            precondition(newValue >= 0 && newValue <= Int(Int32.max))
            let mask = keys.count - 1
            var i = slot(key)
            while values[i] >= 0 && keys[i] != key { i = (i + 1) & mask }
            if values[i] < 0 {
                precondition(count + 1 <= keys.count / 2, "KeyTable is full")
                count += 1
            }
            keys[i] = key
            values[i] = Int32(newValue)
        }
    }

    /// The number of keys held.
    private(set) var count = 0

    @inline(__always) func contains(_ key: UInt64) -> Bool { self[key] != nil }
}
