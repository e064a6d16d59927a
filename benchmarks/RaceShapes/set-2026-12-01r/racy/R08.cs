namespace Orchestra.Seating;

public sealed class SeatAssignedEventArgs : EventArgs
{
    public SeatAssignedEventArgs(string section, int chair, string musician)
    {
        Section = section;
        Chair = chair;
        Musician = musician;
    }

    public string Section { get; }
    public int Chair { get; }
    public string Musician { get; }
}

/// <summary>
/// Seats each section of the orchestra based on audition rankings. Sections are
/// independent, so each one is seated on its own task.
/// </summary>
public sealed class SeatingEngine
{
    public event EventHandler<SeatAssignedEventArgs>? SeatAssigned;

    public async Task SeatAllAsync(IReadOnlyDictionary<string, IReadOnlyList<(string Musician, double Score)>> auditions)
    {
        var tasks = auditions.Select(section => Task.Run(() => SeatSection(section.Key, section.Value)));
        await Task.WhenAll(tasks);
    }

    private void SeatSection(string section, IReadOnlyList<(string Musician, double Score)> ranked)
    {
        var chair = 1;
        foreach (var entry in ranked.OrderByDescending(r => r.Score))
        {
            SeatAssigned?.Invoke(this, new SeatAssignedEventArgs(section, chair, entry.Musician));
            chair++;
        }
    }
}

/// <summary>
/// Builds the printed seating chart for the concert programme.
/// </summary>
public sealed class SeatingChartBuilder
{
    private readonly List<string> _lines = new();
    private readonly Dictionary<string, int> _chairsPerSection = new();

    public SeatingChartBuilder(SeatingEngine engine)
    {
        engine.SeatAssigned += OnSeatAssigned;
    }

    private void OnSeatAssigned(object? sender, SeatAssignedEventArgs e)
    {
        var label = e.Chair == 1 ? "Principal" : $"Chair {e.Chair}";
        _lines.Add($"{e.Section,-12} {label,-10} {e.Musician}");
        _chairsPerSection[e.Section] = Math.Max(e.Chair, _chairsPerSection.GetValueOrDefault(e.Section));
    }

    public string Render()
    {
        var header = string.Join(", ", _chairsPerSection.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"));
        return header + Environment.NewLine + string.Join(Environment.NewLine, _lines.OrderBy(l => l));
    }
}

public static class ProgrammeJob
{
    public static async Task<string> RunAsync(IReadOnlyDictionary<string, IReadOnlyList<(string Musician, double Score)>> auditions)
    {
        var engine = new SeatingEngine();
        var chart = new SeatingChartBuilder(engine);
        await engine.SeatAllAsync(auditions);
        return chart.Render();
    }
}
