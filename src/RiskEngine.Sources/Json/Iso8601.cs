namespace RiskEngine.Sources.Json;

/// <summary>
/// The timestamp form producers write nearly always ("2026-11-22T08:00:00.1234567Z", "...+00:00"), parsed straight
/// into UTC. Anything else (no seconds, more than 7 fraction digits, an unusual offset, a leap second) is left to
/// <see cref="System.Text.Json.Utf8JsonReader.TryGetDateTimeOffset"/>, whose ISO 8601 profile is the contract;
/// what this accepts, that accepts too and reads as the same instant.
/// </summary>
internal static class Iso8601
{
    public static bool TryParseUtc(ReadOnlySpan<byte> text, out DateTimeOffset utc)
    {
        utc = default;
        if (text.Length < 20 || text[4] != (byte)'-' || text[7] != (byte)'-' || text[10] != (byte)'T' || text[13] != (byte)':' || text[16] != (byte)':')
        {
            return false;
        }

        if (!TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day) ||
            !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var i = 19;
        long fractionTicks = 0;
        if (text[i] == (byte)'.')
        {
            var digits = 0;
            for (i++; i < text.Length && (uint)(text[i] - '0') <= 9; i++, digits++)
            {
                if (digits == 7)
                {
                    return false;
                }

                fractionTicks = (fractionTicks * 10) + (text[i] - '0');
            }

            if (digits == 0)
            {
                return false;
            }

            for (; digits < 7; digits++)
            {
                fractionTicks *= 10;
            }
        }

        var offsetMinutes = 0;
        var rest = text[i..];
        if (rest is [(byte)'Z'])
        {
            offsetMinutes = 0;
        }
        else if (rest.Length == 6 && rest[0] is (byte)'+' or (byte)'-' && rest[3] == (byte)':' &&
                 TryDigits(rest, 1, 2, out var offsetHours) && TryDigits(rest, 4, 2, out var offsetMinute) &&
                 ((offsetHours <= 13 && offsetMinute <= 59) || (offsetHours == 14 && offsetMinute == 0)))
        {
            offsetMinutes = ((offsetHours * 60) + offsetMinute) * (rest[0] == (byte)'-' ? -1 : 1);
        }
        else
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        utc = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }
}
