using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Blind57.PotteryStudio.Labels;

public sealed record GlazeBatch(string Code, string Name, IReadOnlyList<(string Material, double Grams)> Recipe, int ConeTemperature);

/// <summary>
/// Renders the labels stuck on glaze buckets in the pottery studio and fingerprints the recipe
/// files. Used by the label printing service, which prints many batches at once.
/// </summary>
public sealed class GlazeLabelRenderer
{
    private const int MaxPooledCapacity = 4096;
    private readonly ConcurrentBag<StringBuilder> _builders = new();

    public string Render(GlazeBatch batch)
    {
        var sb = RentBuilder();
        try
        {
            sb.Append(batch.Code).Append(" - ").AppendLine(batch.Name);
            sb.Append("Cone ").AppendLine(batch.ConeTemperature.ToString());
            double total = batch.Recipe.Sum(r => r.Grams);
            foreach (var (material, grams) in batch.Recipe)
            {
                sb.Append("  ").Append(material.PadRight(18)).Append((grams / total * 100).ToString("F1")).AppendLine("%");
            }
            return sb.ToString();
        }
        finally
        {
            ReturnBuilder(sb);
        }
    }

    public async Task<string> FingerprintAsync(Stream recipeFile, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            int read;
            while ((read = await recipeFile.ReadAsync(buffer.AsMemory(0, 16 * 1024), ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
            return Convert.ToHexString(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private StringBuilder RentBuilder() => _builders.TryTake(out var sb) ? sb : new StringBuilder(512);

    private void ReturnBuilder(StringBuilder sb)
    {
        if (sb.Capacity > MaxPooledCapacity) return;
        sb.Clear();
        _builders.Add(sb);
    }
}

/// <summary>Prints a whole shelf of glaze buckets; labels are rendered in parallel.</summary>
public sealed class ShelfLabelJob
{
    private readonly GlazeLabelRenderer _renderer;
    private readonly Action<string> _print;

    public ShelfLabelJob(GlazeLabelRenderer renderer, Action<string> print)
    {
        _renderer = renderer;
        _print = print;
    }

    public int PrintShelf(IEnumerable<GlazeBatch> batches)
    {
        var labels = batches
            .AsParallel()
            .AsOrdered()
            .Select(_renderer.Render)
            .ToList();

        foreach (var label in labels)
        {
            _print(label);
        }
        return labels.Count;
    }
}
