using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Blind45.Herbarium.Taxonomy;

public sealed record AcceptedName(string Genus, string Epithet, string? Infraspecific, string Authority);

public interface ITaxonBackbone
{
    AcceptedName? Resolve(string normalisedName);
}

/// <summary>
/// Normalises the scientific names written on herbarium sheet labels (old spellings,
/// stray diacritics, author abbreviations) and resolves them against the taxonomic
/// backbone. Transcription workers create one normaliser per batch; resolved names are
/// kept for the whole process.
/// </summary>
public sealed class LabelNameNormaliser
{
    private static readonly ConcurrentDictionary<string, Lazy<AcceptedName?>> s_resolved = new(StringComparer.Ordinal);
    private static long s_backboneCalls;

    private readonly ITaxonBackbone _backbone;

    public LabelNameNormaliser(ITaxonBackbone backbone) => _backbone = backbone;

    public static long BackboneCalls => Interlocked.Read(ref s_backboneCalls);

    public AcceptedName? Resolve(string labelText)
    {
        var key = Normalise(labelText);
        if (key.Length == 0)
        {
            return null;
        }

        var entry = s_resolved.GetOrAdd(key, k => new Lazy<AcceptedName?>(() =>
        {
            Interlocked.Increment(ref s_backboneCalls);
            return _backbone.Resolve(k);
        }, LazyThreadSafetyMode.ExecutionAndPublication));

        return entry.Value;
    }

    public static string Normalise(string labelText)
    {
        var decomposed = labelText.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || c == '.')
            {
                if (!lastWasSpace)
                {
                    sb.Append(' ');
                    lastWasSpace = true;
                }

                continue;
            }

            sb.Append(sb.Length == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            lastWasSpace = false;
        }

        return sb.ToString().TrimEnd();
    }
}

/// <summary>Transcribes a batch of sheets in parallel.</summary>
public static class SheetBatch
{
    public static IReadOnlyList<(string Barcode, AcceptedName? Name)> Transcribe(
        IReadOnlyList<(string Barcode, string LabelText)> sheets, ITaxonBackbone backbone)
    {
        var normaliser = new LabelNameNormaliser(backbone);
        var output = new (string, AcceptedName?)[sheets.Count];
        Parallel.For(0, sheets.Count, i => output[i] = (sheets[i].Barcode, normaliser.Resolve(sheets[i].LabelText)));
        return output;
    }
}
