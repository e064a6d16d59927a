using System.Buffers.Binary;

namespace Blind60.TypeFoundry.Proofs;

public sealed record GlyphOutline(char Character, int Width, int Height, Func<int, int, bool> IsInked);

public interface IProofSink
{
    Task WriteRowAsync(ReadOnlyMemory<byte> row, CancellationToken ct);
}

/// <summary>
/// Rasterises glyph proofs for the foundry's specimen-sheet service.
/// Registered as a singleton; each incoming proof request calls <see cref="RenderAsync"/>.
/// </summary>
public sealed class GlyphProofRasterizer
{
    private const int MaxWidth = 512;
    private readonly byte[] _rowBuffer = new byte[MaxWidth + 4];

    public async Task RenderAsync(GlyphOutline glyph, IProofSink sink, CancellationToken ct)
    {
        if (glyph.Width > MaxWidth)
        {
            throw new ArgumentException("Glyph too wide for proofing.", nameof(glyph));
        }

        for (int y = 0; y < glyph.Height; y++)
        {
            // Row header: row index, then one byte per pixel.
            BinaryPrimitives.WriteInt32LittleEndian(_rowBuffer, y);
            for (int x = 0; x < glyph.Width; x++)
            {
                _rowBuffer[4 + x] = glyph.IsInked(x, y) ? (byte)0 : (byte)255;
            }

            await sink.WriteRowAsync(_rowBuffer.AsMemory(0, glyph.Width + 4), ct).ConfigureAwait(false);
        }
    }
}

public sealed class SpecimenSheetService
{
    private readonly GlyphProofRasterizer _rasterizer;

    public SpecimenSheetService(GlyphProofRasterizer rasterizer) => _rasterizer = rasterizer;

    /// <summary>Renders every glyph of a specimen at once to speed up proof runs.</summary>
    public Task RenderSpecimenAsync(IEnumerable<GlyphOutline> glyphs, Func<char, IProofSink> sinkFor, CancellationToken ct)
    {
        var renders = glyphs.Select(g => _rasterizer.RenderAsync(g, sinkFor(g.Character), ct));
        return Task.WhenAll(renders);
    }
}
