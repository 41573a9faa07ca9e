using System.Text;
using Crm.Storage.Keys;

namespace Crm.Rules.Tests.Keys;

public sealed class KeyEscaperTests
{
    // Characters keys forbid, the escape and separator characters, surrogate pairs and ordinary text.
    private static readonly string[] Pieces =
        ["a", "b", "A", " ", "/", "\\", "#", "?", "%", "~", "'", "\"", "!", "\u0000", "\n", "\u001F", "\u007F", "\u0085", "\u009F", "\u00A0", "é", "😀", "👍", "%2F", "%!", "2F", "F"];

    [Fact]
    public void Escaping_preserves_prefixes_both_ways_for_random_strings()
    {
        var random = new Random(7);
        var checkedPairs = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var b = RandomText(random, random.Next(0, 12));
            // Half the time a really starts with b; otherwise it is unrelated or a near miss.
            var a = random.Next(3) switch
            {
                0 => b + RandomText(random, random.Next(0, 6)),
                1 => RandomText(random, random.Next(0, 12)),
                _ => b.Length > 0 ? b[..^1] + RandomText(random, 1 + random.Next(0, 4)) : RandomText(random, 3),
            };
            var escapedA = KeyEscaper.Escape(a);
            var escapedB = KeyEscaper.EscapePrefix(b);
            Assert.False(KeyEscaper.IsTruncated(escapedA));
            Assert.Equal(a.StartsWith(b, StringComparison.Ordinal), escapedA.StartsWith(escapedB, StringComparison.Ordinal));
            checkedPairs++;
        }
        Assert.Equal(20_000, checkedPairs);
    }

    [Fact]
    public void Escaped_keys_hold_no_character_a_key_forbids_and_unescape_back()
    {
        var random = new Random(11);
        for (var i = 0; i < 5_000; i++)
        {
            var value = RandomText(random, random.Next(0, 40));
            var escaped = KeyEscaper.Escape(value);
            AssertValidKey(escaped);
            Assert.Equal(value, KeyEscaper.Unescape(escaped));
        }
    }

    [Fact]
    public void Separators_and_the_escape_character_never_appear_raw()
    {
        var escaped = KeyEscaper.Escape("a~b%c/d#e?f\\g'h");
        Assert.DoesNotContain('~', escaped);
        Assert.Equal("a%7Eb%25c%2Fd%23e%3Ff%5Cg%27h", escaped);
    }

    [Fact]
    public void Long_values_are_cut_with_a_hash_so_equal_values_give_equal_keys_and_different_values_different_keys()
    {
        var random = new Random(3);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < 2_000; i++)
        {
            var stem = new string('s', random.Next(150, 400));
            var value = stem + RandomText(random, random.Next(1, 30));
            var key = KeyEscaper.Escape(value);
            Assert.Equal(key, KeyEscaper.Escape(new string(value.AsSpan())));
            Assert.True(key.Length <= KeyEscaper.MaxSegmentLength, $"{key.Length} characters");
            AssertValidKey(key);
            if (seen.TryGetValue(key, out var earlier))
            {
                Assert.Equal(earlier, value);
            }
            seen[key] = value;
        }
        Assert.True(seen.Count > 1_500);

        var longA = new string('x', 1_000) + "A";
        var longB = new string('x', 1_000) + "B";
        Assert.True(KeyEscaper.IsTruncated(KeyEscaper.Escape(longA)));
        Assert.NotEqual(KeyEscaper.Escape(longA), KeyEscaper.Escape(longB));
        Assert.False(KeyEscaper.IsTruncated(KeyEscaper.Escape(new string('x', KeyEscaper.MaxSegmentLength))));
        Assert.True(KeyEscaper.IsTruncated(KeyEscaper.Escape(new string('x', KeyEscaper.MaxSegmentLength + 1))));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("%")]
    [InlineData("\u0001")]
    [InlineData("😀")]
    [InlineData("a😀/")]
    public void A_cut_never_splits_an_escape_token_or_a_surrogate_pair(string repeated)
    {
        // Shift the cut across every position inside the repeated token.
        for (var lead = 190; lead <= 210; lead++)
        {
            var value = new string('x', lead) + string.Concat(Enumerable.Repeat(repeated, 200));
            var key = KeyEscaper.Escape(value);
            Assert.True(KeyEscaper.IsTruncated(key));
            AssertValidKey(key);
            var kept = key[..key.IndexOf("%!", StringComparison.Ordinal)];
            var keptValue = KeyEscaper.Unescape(kept);
            Assert.StartsWith(keptValue, value, StringComparison.Ordinal);
            Assert.False(char.IsHighSurrogate(keptValue[^1]), $"lead {lead}: ends in half a pair");
            Assert.Equal(kept, KeyEscaper.Escape(keptValue));

            var prefix = KeyEscaper.EscapePrefix(value);
            Assert.Equal(kept, prefix);
            Assert.False(char.IsHighSurrogate(prefix[^1]));
        }
    }

    [Fact]
    public void The_escaped_prefix_of_any_prefix_of_a_long_value_starts_its_key()
    {
        var random = new Random(5);
        for (var i = 0; i < 3_000; i++)
        {
            var value = RandomText(random, random.Next(50, 200));
            var cut = random.Next(0, value.Length + 1);
            if (cut > 0 && cut < value.Length && char.IsHighSurrogate(value[cut - 1]))
            {
                cut--;
            }
            var prefix = value[..cut];
            Assert.StartsWith(KeyEscaper.EscapePrefix(prefix), KeyEscaper.Escape(value), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_upper_bound_of_a_prefix_sorts_after_every_key_with_that_prefix()
    {
        var random = new Random(9);
        for (var i = 0; i < 2_000; i++)
        {
            var prefix = "x~f1~" + KeyEscaper.EscapePrefix(RandomText(random, random.Next(0, 8)));
            var key = prefix + KeyEscaper.Escape(RandomText(random, random.Next(0, 8))) + "~000000000001";
            var upper = KeyEscaper.UpperBound(prefix);
            Assert.True(string.CompareOrdinal(prefix, key) <= 0);
            Assert.True(string.CompareOrdinal(key, upper) < 0, $"{key} !< {upper}");
        }
    }

    internal static string RandomText(Random random, int pieces)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < pieces; i++)
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        }
        return builder.ToString();
    }

    private static void AssertValidKey(string key)
    {
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            Assert.False(c is '/' or '\\' or '#' or '?' || c < 0x20 || (c >= 0x7F && c <= 0x9F), $"'{key}' holds U+{(int)c:X4}");
            if (char.IsHighSurrogate(c))
            {
                Assert.True(i + 1 < key.Length && char.IsLowSurrogate(key[i + 1]), $"'{key}' holds half a pair");
            }
            else if (char.IsLowSurrogate(c))
            {
                Assert.True(i > 0 && char.IsHighSurrogate(key[i - 1]), $"'{key}' holds half a pair");
            }
            if (c == '%' && (i + 1 >= key.Length || key[i + 1] != '!'))
            {
                Assert.True(i + 2 < key.Length && Uri.IsHexDigit(key[i + 1]) && Uri.IsHexDigit(key[i + 2]), $"'{key}' holds a broken escape at {i}");
            }
        }
    }
}
