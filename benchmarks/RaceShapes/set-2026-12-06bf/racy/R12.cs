using System.Text;

namespace Blind58.PickleLabels;

public sealed record JarBatch(string Product, string Variety, int RecipeId, DateOnly BestBefore, int NetWeightGrams);

public interface IAllergenCatalogue
{
    Task<IReadOnlyList<string>> LookupAsync(int recipeId, CancellationToken cancellationToken);
}

/// <summary>
/// Renders the text block printed on pickle jar labels. Called by the label-printing
/// endpoint for every jar batch that comes off the line. Builders are reused per thread
/// to keep allocations down on the busy printing days before Christmas.
/// </summary>
public sealed class JarLabelRenderer
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    private readonly IAllergenCatalogue _allergens;

    public JarLabelRenderer(IAllergenCatalogue allergens)
    {
        _allergens = allergens;
    }

    private static StringBuilder AcquireBuilder()
    {
        var builder = t_builder ??= new StringBuilder(512);
        builder.Clear();
        return builder;
    }

    public async Task<string> RenderAsync(JarBatch batch, CancellationToken cancellationToken)
    {
        var sb = AcquireBuilder();
        sb.Append(batch.Product).Append(" - ").Append(batch.Variety).AppendLine();
        sb.Append("Net weight ").Append(batch.NetWeightGrams).Append('g').AppendLine();

        var allergens = await _allergens.LookupAsync(batch.RecipeId, cancellationToken).ConfigureAwait(false);

        sb.Append("Allergens: ").AppendJoin(", ", allergens.Select(a => a.ToUpperInvariant())).AppendLine();
        sb.Append("Best before ").Append(batch.BestBefore.ToString("dd MMM yyyy"));
        return sb.ToString();
    }
}

/// <summary>Prints a run of labels, rendering several batches at once.</summary>
public sealed class LabelPrintRun
{
    private readonly JarLabelRenderer _renderer;
    private readonly Func<string, Task> _printer;

    public LabelPrintRun(JarLabelRenderer renderer, Func<string, Task> printer)
    {
        _renderer = renderer;
        _printer = printer;
    }

    public async Task PrintAsync(IEnumerable<JarBatch> batches, CancellationToken cancellationToken)
    {
        var rendered = await Task.WhenAll(batches.Select(b => Task.Run(() => _renderer.RenderAsync(b, cancellationToken), cancellationToken)))
            .ConfigureAwait(false);

        foreach (var label in rendered)
        {
            await _printer(label).ConfigureAwait(false);
        }
    }
}
