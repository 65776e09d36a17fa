import Crypto
import Foundation

/// API tokens: `wak_`, 43 base62 characters carrying 256 random bits, and a 6-character
/// base62 CRC-32 checksum, e.g. `wak_3xK9...Qz1a7Bc2`.
///
/// The prefix lets secret scanners recognize a leaked token; the checksum lets the library
/// refuse a mistyped or truncated token without touching the database (as GitHub's tokens
/// do). Only ``hash(_:)`` — SHA-256, hex — is ever stored. A fast hash is right here, unlike
/// for passwords: with 256 random bits there is nothing to brute-force, and a deterministic
/// hash can be looked up through a unique index (a salted bcrypt hash cannot).
public enum APIToken {
    /// The token prefix.
    public static let prefix = "wak_"
    static let secretLength = 43
    static let checksumLength = 6
    /// The length of every token WACore issues.
    public static let length = prefix.count + secretLength + checksumLength

    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// A new token from the system's cryptographically secure generator.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let secret = base62((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }, length: secretLength)
        let body = prefix + secret
        return body + checksum(of: body)
    }

    /// Whether `token` has the shape of a WACore token and its checksum matches.
    public static func isWellFormed(_ token: String) -> Bool {
        let bytes = Array(token.utf8)
        guard bytes.count == length, token.hasPrefix(prefix),
            bytes.dropFirst(prefix.count).allSatisfy({ alphabet.contains($0) })
        else { return false }
        let body = String(decoding: bytes.prefix(length - checksumLength), as: UTF8.self)
        return constantTimeEquals(checksum(of: body), String(decoding: bytes.suffix(checksumLength), as: UTF8.self))
    }

    /// The value stored in `key_hash`: the lowercase hex SHA-256 of the token.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares two strings in time that depends only on their lengths, not on where they differ.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    static func checksum(of body: String) -> String {
        let crc = CRC32.checksum(body.utf8)
        return base62([UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)], length: checksumLength)
    }

    /// Big-endian `bytes` as a base62 number, left-padded with `0` to `length` digits.
    static func base62(_ bytes: [UInt8], length: Int) -> String {
        var number = bytes
        var digits: [UInt8] = []
        while number.contains(where: { $0 != 0 }) {
            var remainder = 0
            for index in number.indices {
                let value = remainder * 256 + Int(number[index])
                number[index] = UInt8(value / 62)
                remainder = value % 62
            }
            digits.append(alphabet[remainder])
        }
        while digits.count < length { digits.append(alphabet[0]) }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }
}
