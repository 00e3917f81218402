namespace RiskEngine.Core.Networks;

/// <summary>
/// Reads an IP address from its text into a 128-bit number without allocating (IPAddress.TryParse makes an
/// object per call, and every sign-in has an address). IPv4 becomes its IPv4-mapped IPv6 address
/// (::ffff:a.b.c.d), so one range table serves both families and "::ffff:203.0.113.7" is the same address as
/// "203.0.113.7". Accepts dotted-quad IPv4 and RFC 4291 IPv6 text (with "::" and an embedded IPv4 tail); a zone
/// ("%eth0") is ignored. Anything else is not an address.
/// </summary>
public static class IpAddressParser
{
    /// <summary>::ffff:0:0/96, where IPv4 addresses live in the 128-bit space.</summary>
    public static readonly UInt128 IPv4Mapped = new(0, 0xFFFF_0000_0000);

    public static bool TryParse(ReadOnlySpan<char> text, out UInt128 address)
    {
        address = default;
        if (text.IndexOf('%') is var zone and >= 0)
        {
            text = text[..zone];
        }

        if (text.IndexOf(':') < 0)
        {
            if (!TryParseIPv4(text, out var v4))
            {
                return false;
            }

            address = IPv4Mapped | v4;
            return true;
        }

        return TryParseIPv6(text, out address);
    }

    public static bool IsIPv4(UInt128 address) => (address >> 32) == (IPv4Mapped >> 32);

    public static bool TryParseIPv4(ReadOnlySpan<char> text, out uint address)
    {
        address = 0;
        for (var part = 0; part < 4; part++)
        {
            if (part > 0)
            {
                if (text.IsEmpty || text[0] != '.')
                {
                    return false;
                }

                text = text[1..];
            }

            var digits = 0;
            var value = 0;
            while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            {
                value = (value * 10) + (text[digits] - '0');
                digits++;
                if (digits > 3)
                {
                    return false;
                }
            }

            // A leading zero ("010") is octal to some parsers and decimal to others: not an address to guess at.
            if (digits == 0 || value > 255 || (digits > 1 && text[0] == '0'))
            {
                return false;
            }

            address = (address << 8) | (uint)value;
            text = text[digits..];
        }

        return text.IsEmpty;
    }

    private static bool TryParseIPv6(ReadOnlySpan<char> text, out UInt128 address)
    {
        address = default;
        Span<ushort> groups = stackalloc ushort[8];
        var count = 0;
        var gapAt = -1;
        if (text.StartsWith("::"))
        {
            gapAt = 0;
            text = text[2..];
        }
        else if (text.StartsWith(":"))
        {
            return false;
        }

        while (!text.IsEmpty)
        {
            var end = text.IndexOf(':');
            var group = end < 0 ? text : text[..end];
            if (end < 0 && group.Contains('.'))
            {
                // An IPv4 tail fills the last two groups: ::ffff:192.0.2.1.
                if (count > 6 || !TryParseIPv4(group, out var tail))
                {
                    return false;
                }

                groups[count++] = (ushort)(tail >> 16);
                groups[count++] = (ushort)tail;
                text = default;
                break;
            }

            if (count == 8 || !TryParseGroup(group, out groups[count]))
            {
                return false;
            }

            count++;
            if (end < 0)
            {
                text = default;
            }
            else if (text[(end + 1)..].StartsWith(":"))
            {
                if (gapAt >= 0)
                {
                    return false; // "::" twice
                }

                gapAt = count;
                text = text[(end + 2)..];
            }
            else
            {
                text = text[(end + 1)..];
                if (text.IsEmpty)
                {
                    return false; // a trailing single ':'
                }
            }
        }

        if ((gapAt < 0 && count != 8) || (gapAt >= 0 && count > 7))
        {
            return false;
        }

        var zeros = 8 - count;
        UInt128 value = 0;
        for (int i = 0, g = 0; i < 8; i++)
        {
            var inGap = gapAt >= 0 && i >= gapAt && i < gapAt + zeros;
            value = (value << 16) | (inGap ? 0u : groups[g++]);
        }

        address = value;
        return true;
    }

    private static bool TryParseGroup(ReadOnlySpan<char> text, out ushort group)
    {
        group = 0;
        if (text.IsEmpty || text.Length > 4)
        {
            return false;
        }

        var value = 0;
        foreach (var c in text)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0'
                : c is >= 'a' and <= 'f' ? c - 'a' + 10
                : c is >= 'A' and <= 'F' ? c - 'A' + 10
                : -1;
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        group = (ushort)value;
        return true;
    }
}
