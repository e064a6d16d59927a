using System.Globalization;
using System.Text;

namespace Blind45.Perfumery.Labels;

public sealed record FormulaComponent(string Material, string? CasNumber, double Percent, bool IsAllergen);

public sealed record FormulaBatch(string FormulaCode, string Name, int BatchNumber, DateOnly Compounded, IReadOnlyList<FormulaComponent> Components);

/// <summary>
/// Formats compounding labels and allergen declarations for the perfume house's
/// production floor. One instance is registered in the container as a singleton and used
/// by the label printing endpoint and by the nightly batch export.
/// </summary>
public sealed class CompoundingLabelFormatter
{
    private const double AllergenDeclarationThreshold = 0.001;
    private readonly StringBuilder _builder = new(capacity: 1024);
    private readonly CultureInfo _culture;

    public CompoundingLabelFormatter(CultureInfo? culture = null)
    {
        _culture = culture ?? CultureInfo.InvariantCulture;
    }

    public string FormatLabel(FormulaBatch batch)
    {
        _builder.Clear();
        _builder.Append(batch.FormulaCode).Append(" \u2013 ").AppendLine(batch.Name);
        _builder.Append("Batch ").Append(batch.BatchNumber.ToString("D5", _culture))
                .Append("   compounded ").AppendLine(batch.Compounded.ToString("dd MMM yyyy", _culture));
        _builder.AppendLine();

        foreach (var component in batch.Components.OrderByDescending(c => c.Percent))
        {
            _builder.Append(component.Material.PadRight(32))
                    .Append(component.Percent.ToString("0.000", _culture).PadLeft(8))
                    .Append(" %");
            if (component.CasNumber is not null)
            {
                _builder.Append("  CAS ").Append(component.CasNumber);
            }

            _builder.AppendLine();
        }

        AppendAllergens(batch);
        return _builder.ToString();
    }

    public string FormatAllergenDeclaration(FormulaBatch batch)
    {
        _builder.Clear();
        AppendAllergens(batch);
        return _builder.ToString();
    }

    private void AppendAllergens(FormulaBatch batch)
    {
        var declared = batch.Components
            .Where(c => c.IsAllergen && c.Percent / 100.0 >= AllergenDeclarationThreshold)
            .Select(c => c.Material)
            .OrderBy(m => m, StringComparer.OrdinalIgnoreCase)
            .ToList();

        if (declared.Count == 0)
        {
            return;
        }

        _builder.Append("Contains: ");
        for (var i = 0; i < declared.Count; i++)
        {
            if (i > 0)
            {
                _builder.Append(", ");
            }

            _builder.Append(declared[i]);
        }

        _builder.AppendLine(".");
    }
}

/// <summary>Minimal API wiring for the label printer.</summary>
public static class LabelEndpoints
{
    public static string Print(CompoundingLabelFormatter formatter, FormulaBatch batch) => formatter.FormatLabel(batch);

    public static IReadOnlyList<string> ExportNight(CompoundingLabelFormatter formatter, IEnumerable<FormulaBatch> batches) =>
        batches.Select(formatter.FormatAllergenDeclaration).ToList();
}
