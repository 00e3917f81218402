using System.Globalization;

namespace RiskEngine.Core.Networks;

/// <summary>
/// An immutable set of networks, by address range and by autonomous system, parsed from text such as a list of
/// Tor exits and anonymous proxies:
/// <code>
/// # Tor exits, 2024-03-01
/// 185.220.101.0/24
/// 2001:67c:6ec::/48
/// 192.42.116.16        # one address is a /32 (or /128)
/// AS9009               # an autonomous system: every address it announces
/// </code>
/// One entry per line; '#' starts a comment; blank lines are ignored. Look-ups allocate nothing: ranges and
/// systems are kept sorted for binary search. Built once, never changed, shared between threads.
/// </summary>
public sealed class NetworkList
{
    private const int MaxErrorsReported = 10;

    private readonly UInt128[] _starts;
    private readonly UInt128[] _ends;

    /// <summary>The furthest end of ranges 0..i: no range at or before i reaches past it.</summary>
    private readonly UInt128[] _reach;
    private readonly string[] _rangeNames;
    private readonly uint[] _systems;

    private NetworkList(UInt128[] starts, UInt128[] ends, string[] rangeNames, uint[] systems)
    {
        (_starts, _ends, _rangeNames, _systems) = (starts, ends, rangeNames, systems);
        _reach = new UInt128[ends.Length];
        for (var i = 0; i < ends.Length; i++)
        {
            _reach[i] = i == 0 ? ends[0] : UInt128.Max(_reach[i - 1], ends[i]);
        }
    }

    public static NetworkList Empty { get; } = new([], [], [], []);

    /// <summary>How many ranges and systems the list holds.</summary>
    public int Count => _starts.Length + _systems.Length;

    /// <summary>The list in <paramref name="text"/>; a <see cref="FormatException"/> naming each bad line (the first ten) otherwise.</summary>
    public static NetworkList Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ranges = new List<(UInt128 Start, UInt128 End, string Name)>();
        var systems = new List<uint>();
        var errors = new List<string>();
        var lineNumber = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine;
            if (line.IndexOf('#') is var comment and >= 0)
            {
                line = line[..comment];
            }

            line = line.Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            if (TryParseSystem(line, out var system))
            {
                systems.Add(system);
            }
            else if (TryParseRange(line, out var start, out var end, out var error))
            {
                ranges.Add((start, end, line.ToString()));
            }
            else
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: '{line}' {error}"));
            }
        }

        if (errors.Count > 0)
        {
            var more = errors.Count > MaxErrorsReported ? $"; and {errors.Count - MaxErrorsReported} more" : string.Empty;
            throw new FormatException($"{errors.Count} bad line(s): {string.Join("; ", errors.Take(MaxErrorsReported))}{more}");
        }

        return Build(ranges, systems);
    }

    /// <summary>The listed range holding <paramref name="address"/> (as the list wrote it), or null.</summary>
    public string? RangeOf(UInt128 address)
    {
        // Ranges are sorted by start. Candidates start at or below the address; walking back from the last of them,
        // the running maximum of ends says when no earlier range can reach the address any more. CIDR blocks are
        // nested or apart, so the walk passes only the blocks that enclose the address's block.
        var index = Array.BinarySearch(_starts, address);
        index = index < 0 ? ~index - 1 : LastWithStart(index);
        for (; index >= 0 && _reach[index] >= address; index--)
        {
            if (_ends[index] >= address)
            {
                return _rangeNames[index];
            }
        }

        return null;
    }

    /// <summary>The listed range holding the address in <paramref name="ipAddress"/>, or null (also for text that is no address).</summary>
    public string? RangeOf(string? ipAddress) =>
        _starts.Length > 0 && ipAddress is not null && IpAddressParser.TryParse(ipAddress, out var address) ? RangeOf(address) : null;

    public bool ContainsSystem(int autonomousSystemNumber) =>
        autonomousSystemNumber > 0 && Array.BinarySearch(_systems, (uint)autonomousSystemNumber) >= 0;

    private static NetworkList Build(List<(UInt128 Start, UInt128 End, string Name)> ranges, List<uint> systems)
    {
        // Equal starts: the wider block first, so the walk back in RangeOf meets the narrowest enclosing block first.
        ranges.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        return new NetworkList(
            [.. ranges.Select(r => r.Start)],
            [.. ranges.Select(r => r.End)],
            [.. ranges.Select(r => r.Name)],
            [.. systems.Distinct().Order()]);
    }

    /// <summary>The last of the ranges that start where range <paramref name="index"/> does.</summary>
    private int LastWithStart(int index)
    {
        while (index + 1 < _starts.Length && _starts[index + 1] == _starts[index])
        {
            index++;
        }

        return index;
    }

    private static bool TryParseSystem(ReadOnlySpan<char> line, out uint system)
    {
        system = 0;
        return line.Length > 2 && line.StartsWith("AS", StringComparison.OrdinalIgnoreCase) &&
               uint.TryParse(line[2..], NumberStyles.None, CultureInfo.InvariantCulture, out system) && system > 0;
    }

    private static bool TryParseRange(ReadOnlySpan<char> line, out UInt128 start, out UInt128 end, out string? error)
    {
        (start, end, error) = (default, default, null);
        var slash = line.IndexOf('/');
        var addressText = slash < 0 ? line : line[..slash];
        if (!IpAddressParser.TryParse(addressText, out var address))
        {
            error = "is neither an IPv4 or IPv6 address or CIDR nor an AS number (\"AS9009\")";
            return false;
        }

        var ipv4 = addressText.IndexOf(':') < 0;
        var bits = ipv4 ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(line[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            error = string.Create(CultureInfo.InvariantCulture, $"has a bad prefix length: expected 0 to {bits}");
            return false;
        }

        // An IPv4 prefix counts from the start of its mapped address: /24 of IPv4 is /120 of the 128 bits.
        var hostBits = bits - prefix;
        var hostMask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        start = address & ~hostMask;
        end = start | hostMask;
        return true;
    }
}
