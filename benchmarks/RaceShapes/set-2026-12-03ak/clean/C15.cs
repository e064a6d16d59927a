using System.Globalization;

namespace Blind37.SwordSmithing.Steel;

public sealed record SteelGrade(string Name, double CarbonPercent, int AustenitiseC, string Quenchant);

/// <summary>
/// Reference data for the steels the forge works with, read from the smiths' grade sheet
/// on first use. The forge console, the heat-treatment planner and the order pages all
/// share one instance.
/// </summary>
public sealed class SteelGradeBook
{
    private readonly string _sheetPath;
    private readonly object _loadLock = new();
    private volatile IReadOnlyDictionary<string, SteelGrade>? _grades;

    public SteelGradeBook(string sheetPath) => _sheetPath = sheetPath;

    public SteelGrade Get(string name)
    {
        var grades = _grades ?? Load();
        return grades.TryGetValue(name, out var grade)
            ? grade
            : throw new KeyNotFoundException($"Unknown steel grade '{name}'.");
    }

    public IReadOnlyList<SteelGrade> ForQuenchant(string quenchant)
    {
        var grades = _grades ?? Load();
        return grades.Values.Where(g => string.Equals(g.Quenchant, quenchant, StringComparison.OrdinalIgnoreCase)).ToArray();
    }

    private IReadOnlyDictionary<string, SteelGrade> Load()
    {
        lock (_loadLock)
        {
            var grades = _grades;
            if (grades is not null)
            {
                return grades;
            }

            var table = new Dictionary<string, SteelGrade>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in File.ReadLines(_sheetPath).Where(l => l.Length > 0 && l[0] != '#'))
            {
                var parts = line.Split(';');
                table[parts[0]] = new SteelGrade(
                    parts[0],
                    double.Parse(parts[1], CultureInfo.InvariantCulture),
                    int.Parse(parts[2], CultureInfo.InvariantCulture),
                    parts[3]);
            }

            _grades = table;
            return table;
        }
    }
}

/// <summary>Plans the heat treatment for a set of blades in parallel.</summary>
public sealed class HeatTreatmentPlanner
{
    private readonly SteelGradeBook _book;

    public HeatTreatmentPlanner(SteelGradeBook book) => _book = book;

    public IReadOnlyList<string> Plan(IEnumerable<(string Blade, string Steel)> blades)
    {
        return blades
            .AsParallel()
            .AsOrdered()
            .Select(b =>
            {
                var grade = _book.Get(b.Steel);
                var soak = grade.CarbonPercent > 0.8 ? 10 : 5;
                return $"{b.Blade}: {grade.AustenitiseC} C, soak {soak} min, quench in {grade.Quenchant}";
            })
            .ToArray();
    }
}
