import ParcDomain
import Testing

/// Where webhooks may go and when they are tried again.
@Suite struct WebhookRulesTests {
    @Test func theStandardScheduleRetriesForADayThenStops() {
        let schedule = RetrySchedule.standard
        let first: Int64 = 1_000_000
        #expect(schedule.nextAttempt(after: 1, firstAttempt: first) == first + 5_000)
        #expect(schedule.nextAttempt(after: 2, firstAttempt: first) == first + 300_000)
        #expect(schedule.nextAttempt(after: 7, firstAttempt: first) == first + 86_400_000)
        #expect(schedule.nextAttempt(after: 8, firstAttempt: first) == nil)
        #expect(schedule.nextAttempt(after: 0, firstAttempt: first) == nil)
        #expect(schedule.description == "5s,5m,30m,2h,5h,10h,24h")
    }

    @Test func schedulesAreReadAsTyped() throws {
        #expect(try RetrySchedule(parsing: "1s, 3s,6s").offsets == [1, 3, 6])
        #expect(try RetrySchedule(parsing: "5s,5m,30m,2h,5h,10h,24h") == .standard)
        for bad in ["", "5", "5x", "0s", "3s,2s", "1s,1s", "-1s", "200h", "99999999999999999999s"] {
            #expect(throws: ValidationError.self, "\(bad)") { try RetrySchedule(parsing: bad) }
        }
    }

    @Test func urlsAreReadOrRefusedWithAReason() throws {
        #expect(try WebhookTargets.parse("https://hooks.example.com/parc?x=1") == (true, "hooks.example.com", 443))
        #expect(try WebhookTargets.parse("http://127.0.0.1:8080/in") == (false, "127.0.0.1", 8080))
        #expect(try WebhookTargets.parse("https://[::1]:9000/") == (true, "::1", 9000))
        #expect(try WebhookTargets.parse("HTTPS://Hooks.Example.COM") == (true, "hooks.example.com", 443))
        let refused: [(String, String)] = [
            ("ftp://example.com/", "not http or https"), ("example.com/hook", "not an http or https URL"),
            ("https://user:pw@example.com/", "credentials"), ("https://example.com:0/", "not a port"),
            ("https://example.com:70000/", "not a port"), ("https:///path", "no host"), ("https://exa mple.com/", "spaces"),
            ("https://[::1/", "unclosed"), ("https://" + String(repeating: "a", count: 2_001), "longer than"),
        ]
        for (url, reason) in refused {
            #expect(throws: ValidationError.self, "\(url)") { try WebhookTargets.parse(url) }
            do {
                _ = try WebhookTargets.parse(url)
            } catch {
                #expect(error.description.contains(reason), "\(url): \(error)")
            }
        }
    }

    @Test func nonPublicRangesAreNamed() throws {
        let cases: [(String, String?)] = [
            ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("172.31.255.255", "private"), ("172.32.0.1", nil), ("192.168.1.1", "private"),
            ("127.0.0.1", "loopback"), ("127.8.8.8", "loopback"), ("169.254.169.254", "link-local"), ("0.0.0.0", "unspecified"),
            ("100.64.0.1", "shared (carrier-grade NAT)"), ("224.0.0.1", "multicast"), ("255.255.255.255", "reserved"), ("8.8.8.8", nil),
            ("::1", "loopback"), ("::", "unspecified"), ("fe80::1", "link-local"), ("fd00::1", "private (unique local)"),
            ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"), ("2001:db8::1", "documentation"), ("2a00:1450::1", nil),
            ("ff02::1", "multicast"),
        ]
        for (text, range) in cases {
            let bytes = try #require(AddressRange.bytes(text), "\(text)")
            #expect(WebhookTargets.nonPublicRange(bytes) == range, "\(text)")
        }
    }

    @Test func allowListsHoldRangesAndSingleAddresses() throws {
        let loopback = try AddressRange(parsing: "127.0.0.0/8")
        #expect(loopback.contains([127, 0, 0, 1]) && loopback.contains([127, 255, 0, 9]) && !loopback.contains([128, 0, 0, 1]))
        let one = try AddressRange(parsing: "10.1.2.3")
        #expect(one.contains([10, 1, 2, 3]) && !one.contains([10, 1, 2, 4]))
        let odd = try AddressRange(parsing: "172.16.0.0/12")
        #expect(odd.contains([172, 31, 1, 1]) && !odd.contains([172, 32, 0, 0]))
        let v6 = try AddressRange(parsing: "::1/128")
        #expect(v6.contains(try #require(AddressRange.bytes("::1"))) && !v6.contains([127, 0, 0, 1]))
        #expect(loopback.description == "127.0.0.0/8")
        for bad in ["localhost", "10.0.0.0/33", "::1/129", "1.2.3", "1.2.3.256", "1:2:3:4:5:6:7:8:9", "a::b::c"] {
            #expect(throws: ValidationError.self, "\(bad)") { try AddressRange(parsing: bad) }
        }
    }
}
