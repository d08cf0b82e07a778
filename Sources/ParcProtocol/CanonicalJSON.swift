#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The one JSON encoding used on the wire: sorted keys, ISO-8601 UTC dates, property names as keys.
///
/// Sorted keys make the bytes stable, so content hashes and golden examples compare byte for byte.
public enum CanonicalJSON {
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// The canonical bytes of `value` (see `JSONWriter`); `pretty` indents by two spaces for people.
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) throws -> Data {
        Data(try JSONWriter.encode(value, pretty: pretty))
    }

    /// The same bytes without the copy into `Data`, for writing straight to a file descriptor.
    public static func encodeBytes<T: Encodable>(_ value: T, pretty: Bool = false) throws -> [UInt8] {
        try JSONWriter.encode(value, pretty: pretty)
    }

    /// A time as the wire writes it: `2026-11-25T12:00:00Z`.
    public static func timestamp(_ date: Date) -> String { JSONWriter.iso8601(date) }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decoder().decode(type, from: data)
    }
}
