using System.Collections.Concurrent;

namespace TypeFoundry.Kerning;

public readonly record struct GlyphMetrics(char Character, int AdvanceWidth, int LeftBearing, int RightBearing);

/// <summary>
/// Computes kerning-pair adjustments for a typeface proof. Pairs are evaluated
/// in parallel; each worker thread keeps its own profile scratch buffer.
/// </summary>
public static class KerningPairEvaluator
{
    [ThreadStatic]
    private static int[]? t_profile;

    private static readonly ThreadLocal<Random> s_jitter = new(() => new Random(Environment.CurrentManagedThreadId));

    private static int[] Profile(int height)
    {
        var buffer = t_profile;
        if (buffer == null || buffer.Length < height)
        {
            buffer = new int[Math.Max(height, 256)];
            t_profile = buffer;
        }
        return buffer;
    }

    public static int Evaluate(GlyphMetrics left, GlyphMetrics right, int emHeight, Func<char, int, int> edgeAt)
    {
        var profile = Profile(emHeight);
        int min = int.MaxValue;
        for (int y = 0; y < emHeight; y++)
        {
            profile[y] = (left.AdvanceWidth - edgeAt(left.Character, y)) + edgeAt(right.Character, y);
            if (profile[y] < min)
            {
                min = profile[y];
            }
        }

        int targetGap = emHeight / 10;
        return targetGap - min;
    }

    /// <summary>Adds a little noise to sampled edges to test how stable the kerning is.</summary>
    public static int Jitter(int value) => value + s_jitter.Value!.Next(-1, 2);

    public static IReadOnlyDictionary<(char, char), int> EvaluateAll(
        IReadOnlyList<GlyphMetrics> glyphs,
        int emHeight,
        Func<char, int, int> edgeAt)
    {
        var pairs = from l in glyphs from r in glyphs select (l, r);
        var result = new ConcurrentDictionary<(char, char), int>();

        Parallel.ForEach(pairs, pair =>
        {
            int adjustment = Evaluate(pair.l, pair.r, emHeight, edgeAt);
            if (adjustment != 0)
            {
                result[(pair.l.Character, pair.r.Character)] = adjustment;
            }
        });

        return result;
    }
}
