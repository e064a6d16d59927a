namespace Blind43.PaperMill.Quality;

public sealed record Defect(string RollId, string Kind, double PositionMetres, DateTime DetectedAt);

/// <summary>
/// Collects defects reported by the web-inspection cameras on the paper machine.
/// One instance is shared by the camera ingestion threads and the reporting screens.
/// </summary>
public sealed class RollDefectRegistry
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<Defect>> _byRoll = new(StringComparer.Ordinal);

    /// <summary>Called by each camera's ingestion thread.</summary>
    public void Record(Defect defect)
    {
        lock (_gate)
        {
            if (!_byRoll.TryGetValue(defect.RollId, out var list))
            {
                list = new List<Defect>();
                _byRoll[defect.RollId] = list;
            }

            list.Add(defect);
        }
    }

    /// <summary>Defects for a roll, in detection order.</summary>
    public IReadOnlyList<Defect> DefectsFor(string rollId)
    {
        lock (_gate)
        {
            return _byRoll.TryGetValue(rollId, out var list) ? list : Array.Empty<Defect>();
        }
    }

    public int RollCount
    {
        get
        {
            lock (_gate)
            {
                return _byRoll.Count;
            }
        }
    }
}

/// <summary>Builds the grade report shown at the reel-up while the roll is still being made.</summary>
public sealed class RollGradeReport
{
    private readonly RollDefectRegistry _registry;

    public RollGradeReport(RollDefectRegistry registry) => _registry = registry;

    public string Grade(string rollId)
    {
        var holes = 0;
        var spots = 0;
        var wrinkles = 0;

        foreach (var defect in _registry.DefectsFor(rollId))
        {
            switch (defect.Kind)
            {
                case "hole": holes++; break;
                case "spot": spots++; break;
                case "wrinkle": wrinkles++; break;
            }
        }

        if (holes > 0)
        {
            return "Broke";
        }

        return (spots + wrinkles) switch
        {
            0 => "A",
            < 5 => "B",
            _ => "C",
        };
    }
}
