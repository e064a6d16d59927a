namespace Blind35.HedgeLaying.Scoring;

public sealed record JudgeSheet(string JudgeId, int PlotNumber, int Pleaching, int Staking, int Binding, int Neatness);

public sealed record PlotScore(int PlotNumber, string JudgeId, int Total, DateTime RecordedAt);

public interface IJudgeTabletClient
{
    Task<JudgeSheet> FetchSheetAsync(string judgeId, int plotNumber, CancellationToken ct);
}

/// <summary>
/// Minimal unit of work for the contest database: collects new entities and writes them
/// in one batch. Created per request by the DI container.
/// </summary>
public sealed class ContestDbContext
{
    private readonly List<object> _pending = new();
    private int _saved;

    public void Add(object entity) => _pending.Add(entity);

    public async Task<int> SaveChangesAsync(CancellationToken ct)
    {
        var batch = _pending.ToArray();
        _pending.Clear();
        await Task.Delay(TimeSpan.FromMilliseconds(10), ct); // stands in for the database round trip
        _saved += batch.Length;
        return batch.Length;
    }

    public int SavedCount => _saved;
}

/// <summary>Collects every judge's sheet for a plot once the hedger has finished laying.</summary>
public sealed class PlotScoringService
{
    private readonly ContestDbContext _db;
    private readonly IJudgeTabletClient _tablets;

    public PlotScoringService(ContestDbContext db, IJudgeTabletClient tablets)
    {
        _db = db;
        _tablets = tablets;
    }

    public async Task<int> RecordPlotAsync(int plotNumber, IReadOnlyList<string> judgeIds, CancellationToken ct)
    {
        var fetches = judgeIds.Select(id => ScoreFromJudgeAsync(plotNumber, id, ct));
        var totals = await Task.WhenAll(fetches);

        _db.Add(new { PlotNumber = plotNumber, Average = totals.DefaultIfEmpty().Average() });
        return await _db.SaveChangesAsync(ct);
    }

    private async Task<int> ScoreFromJudgeAsync(int plotNumber, string judgeId, CancellationToken ct)
    {
        var sheet = await _tablets.FetchSheetAsync(judgeId, plotNumber, ct);
        var total = sheet.Pleaching + sheet.Staking + sheet.Binding + sheet.Neatness;

        _db.Add(new PlotScore(plotNumber, judgeId, total, DateTime.UtcNow));
        return total;
    }
}
