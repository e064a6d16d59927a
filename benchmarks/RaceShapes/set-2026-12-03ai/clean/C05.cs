namespace Blind35.HedgeLaying.Results;

public sealed record JudgeSheet(string JudgeId, int PlotNumber, int Pleaching, int Staking, int Binding, int Neatness);

public sealed record PlotScore(int PlotNumber, string JudgeId, int Total);

public interface IJudgeTabletClient
{
    Task<JudgeSheet> FetchSheetAsync(string judgeId, int plotNumber, CancellationToken ct);
}

/// <summary>
/// Unit of work for the contest results database; created per request and used by that
/// request only.
/// </summary>
public sealed class ResultsDbContext
{
    private readonly List<object> _pending = new();

    public void Add(object entity) => _pending.Add(entity);

    public void AddRange(IEnumerable<object> entities) => _pending.AddRange(entities);

    public async Task<int> SaveChangesAsync(CancellationToken ct)
    {
        var batch = _pending.ToArray();
        _pending.Clear();
        await Task.Delay(TimeSpan.FromMilliseconds(10), ct); // database round trip
        return batch.Length;
    }
}

/// <summary>Gathers all judges' sheets for a plot in parallel and stores them together.</summary>
public sealed class PlotResultsService
{
    private readonly ResultsDbContext _db;
    private readonly IJudgeTabletClient _tablets;

    public PlotResultsService(ResultsDbContext db, IJudgeTabletClient tablets)
    {
        _db = db;
        _tablets = tablets;
    }

    public async Task<double> RecordPlotAsync(int plotNumber, IReadOnlyList<string> judgeIds, CancellationToken ct)
    {
        var scores = await Task.WhenAll(judgeIds.Select(id => FetchScoreAsync(plotNumber, id, ct)));

        _db.AddRange(scores);
        var average = scores.Length == 0 ? 0 : scores.Average(s => s.Total);
        _db.Add(new { PlotNumber = plotNumber, Average = average });
        await _db.SaveChangesAsync(ct);
        return average;
    }

    private async Task<PlotScore> FetchScoreAsync(int plotNumber, string judgeId, CancellationToken ct)
    {
        var sheet = await _tablets.FetchSheetAsync(judgeId, plotNumber, ct);
        var total = sheet.Pleaching + sheet.Staking + sheet.Binding + sheet.Neatness;
        return new PlotScore(plotNumber, judgeId, total);
    }
}
