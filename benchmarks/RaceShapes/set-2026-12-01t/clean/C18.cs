namespace ArtConservation.Reports;

public sealed record RoomHumiditySummary(string Room, double MinRh, double MaxRh, double MeanRh, int Excursions);

public interface IHumidityLogStore
{
    Task<IReadOnlyList<double>> ReadDayAsync(string room, DateOnly day, CancellationToken ct);
}

/// <summary>
/// Builds the daily conservation report across all gallery rooms.
/// </summary>
public sealed class DailyClimateReport
{
    private readonly IHumidityLogStore _store;
    private readonly double _lowLimit;
    private readonly double _highLimit;

    public DailyClimateReport(IHumidityLogStore store, double lowLimit = 45, double highLimit = 55)
    {
        _store = store;
        _lowLimit = lowLimit;
        _highLimit = highLimit;
    }

    public async Task<RoomHumiditySummary[]> BuildAsync(IReadOnlyList<string> rooms, DateOnly day, CancellationToken ct)
    {
        var summaries = new RoomHumiditySummary[rooms.Count];
        var tasks = new Task[rooms.Count];

        for (int i = 0; i < rooms.Count; i++)
        {
            int index = i;
            tasks[i] = Task.Run(async () =>
            {
                var room = rooms[index];
                var values = await _store.ReadDayAsync(room, day, ct);
                summaries[index] = values.Count == 0
                    ? new RoomHumiditySummary(room, double.NaN, double.NaN, double.NaN, 0)
                    : new RoomHumiditySummary(
                        room,
                        values.Min(),
                        values.Max(),
                        Math.Round(values.Average(), 1),
                        CountExcursions(values));
            }, ct);
        }

        await Task.WhenAll(tasks);
        return summaries;
    }

    private int CountExcursions(IReadOnlyList<double> values)
    {
        int excursions = 0;
        bool outside = false;
        foreach (var rh in values)
        {
            var now = rh < _lowLimit || rh > _highLimit;
            if (now && !outside)
            {
                excursions++;
            }
            outside = now;
        }
        return excursions;
    }

    public static string Format(IEnumerable<RoomHumiditySummary> summaries) =>
        string.Join(Environment.NewLine, summaries.Select(s =>
            $"{s.Room,-20} min {s.MinRh,5:F1}  max {s.MaxRh,5:F1}  mean {s.MeanRh,5:F1}  excursions {s.Excursions}"));
}
