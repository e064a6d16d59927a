using System.Collections.Concurrent;
using System.Numerics;

namespace TypeFoundry.Outlines;

public abstract record OutlineSegment(Vector2 Start, Vector2 End);
public sealed record LineSegment(Vector2 Start, Vector2 End) : OutlineSegment(Start, End);
public sealed record QuadSegment(Vector2 Start, Vector2 Control, Vector2 End) : OutlineSegment(Start, End);

public sealed record GlyphOutline(char Character, IReadOnlyList<OutlineSegment> Segments);

/// <summary>
/// Flattens quadratic glyph outlines into polylines for the proofing rasterizer.
/// </summary>
public static class GlyphOutlineFlattener
{
    // Grown as needed and kept around; most glyphs need far fewer points.
    private static Vector2[] s_points = new Vector2[512];

    public static Vector2[] Flatten(GlyphOutline outline, float tolerance)
    {
        int count = 0;
        foreach (var segment in outline.Segments)
        {
            switch (segment)
            {
                case LineSegment line:
                    Append(ref count, line.End);
                    break;
                case QuadSegment quad:
                    float length = Vector2.Distance(quad.Start, quad.Control) + Vector2.Distance(quad.Control, quad.End);
                    int steps = Math.Max(2, (int)MathF.Ceiling(MathF.Sqrt(length / tolerance)));
                    for (int i = 1; i <= steps; i++)
                    {
                        float t = i / (float)steps;
                        float u = 1 - t;
                        Append(ref count, u * u * quad.Start + 2 * u * t * quad.Control + t * t * quad.End);
                    }
                    break;
            }
        }

        return s_points.AsSpan(0, count).ToArray();
    }

    private static void Append(ref int count, Vector2 point)
    {
        if (count == s_points.Length)
        {
            Array.Resize(ref s_points, s_points.Length * 2);
        }

        s_points[count++] = point;
    }
}

/// <summary>Builds a proof sheet for a whole font in one go.</summary>
public sealed class ProofSheetJob
{
    public IReadOnlyDictionary<char, Vector2[]> Run(IReadOnlyList<GlyphOutline> glyphs, float tolerance)
    {
        var results = new ConcurrentDictionary<char, Vector2[]>();
        Parallel.ForEach(glyphs, glyph =>
        {
            results[glyph.Character] = GlyphOutlineFlattener.Flatten(glyph, tolerance);
        });
        return results;
    }
}
