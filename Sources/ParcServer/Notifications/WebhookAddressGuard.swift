import Foundation
import NIOPosix
import ParcDomain

// getaddrinfo's structs are Glibc's, but which clang module owns them (Glibc or CoreFoundation)
// varies between builds; importing both keeps member import visibility satisfied either way.
#if canImport(Glibc)
    import Glibc
#endif
#if canImport(CoreFoundation)
    import CoreFoundation
#endif

/// Refuses webhook targets that resolve into private, loopback, link-local and other non-public
/// ranges (server-side request forgery into the provider's network), unless `allowed` holds them.
/// Checked when an endpoint is set and again before every attempt, since names can change what
/// they resolve to; redirects are never followed.
struct WebhookAddressGuard: Sendable {
    let allowed: [AddressRange]

    /// Why `host` may not be called, or nil when it may; every address it resolves to must pass.
    func refusal(host: String) async -> String? {
        let addresses: [[UInt8]]
        if let literal = AddressRange.bytes(host) {
            addresses = [literal]
        } else {
            do {
                addresses = try await NIOThreadPool.singleton.runIfActive { try Self.resolve(host) }
            } catch {
                return "\(host) does not resolve (\(error))"
            }
        }
        for address in addresses {
            guard let range = WebhookTargets.nonPublicRange(address) else { continue }
            if allowed.contains(where: { $0.contains(address) }) { continue }
            return "\(host) is \(AddressRange.text(address)), a \(range) address; allow-list it (parc-server --webhook-allow) if this is intended"
        }
        return nil
    }

    struct ResolutionError: Error, CustomStringConvertible {
        let description: String
    }

    /// The addresses `host` resolves to (getaddrinfo: blocking, so run on a thread pool).
    static func resolve(_ host: String) throws -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let list else { throw ResolutionError(description: String(cString: gai_strerror(status))) }
        defer { freeaddrinfo(list) }
        var addresses: [[UInt8]] = []
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let current = entry {
            if let socketAddress = current.pointee.ai_addr {
                switch Int32(current.pointee.ai_family) {
                case AF_INET:
                    socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                        addresses.append(withUnsafeBytes(of: $0.pointee.sin_addr) { Array($0) })
                    }
                case AF_INET6:
                    socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                        addresses.append(withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) })
                    }
                default: break
                }
            }
            entry = current.pointee.ai_next
        }
        guard !addresses.isEmpty else { throw ResolutionError(description: "no address") }
        return addresses
    }
}
