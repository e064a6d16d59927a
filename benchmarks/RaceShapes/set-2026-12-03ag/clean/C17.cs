namespace IceRink.Scheduling;

public sealed record RinkStatus(string Rink, double SurfaceTempC, int BookedSlots, bool ZamboniReady);

public interface IRinkClient
{
    Task<double> SurfaceTempAsync(string rink, CancellationToken ct);
    Task<int> BookedSlotsAsync(string rink, CancellationToken ct);
    Task<bool> ZamboniReadyAsync(string rink, CancellationToken ct);
}

/// <summary>
/// Builds the morning status board across all rinks in the arena complex.
/// Each rink is queried independently; the board is assembled once all
/// queries have returned.
/// </summary>
public sealed class ArenaStatusBoard
{
    private readonly IRinkClient _client;
    private readonly IReadOnlyList<string> _rinks;

    public ArenaStatusBoard(IRinkClient client, IReadOnlyList<string> rinks)
    {
        _client = client;
        _rinks = rinks;
    }

    public async Task<IReadOnlyList<RinkStatus>> BuildAsync(TimeSpan perRinkTimeout, CancellationToken ct)
    {
        var tasks = _rinks.Select(rink => QueryRinkAsync(rink, perRinkTimeout, ct)).ToArray();
        RinkStatus?[] results = await Task.WhenAll(tasks).ConfigureAwait(false);

        var board = new List<RinkStatus>(results.Length);
        foreach (var status in results)
        {
            if (status != null)
            {
                board.Add(status);
            }
        }

        board.Sort((a, b) => string.CompareOrdinal(a.Rink, b.Rink));
        return board;
    }

    private async Task<RinkStatus?> QueryRinkAsync(string rink, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);

        try
        {
            var tempTask = _client.SurfaceTempAsync(rink, cts.Token);
            var slotsTask = _client.BookedSlotsAsync(rink, cts.Token);
            var zamboniTask = _client.ZamboniReadyAsync(rink, cts.Token);

            double temp = await tempTask.ConfigureAwait(false);
            int slots = await slotsTask.ConfigureAwait(false);
            bool ready = await zamboniTask.ConfigureAwait(false);

            if (temp > -2.0)
            {
                ready = false;
            }

            return new RinkStatus(rink, temp, slots, ready);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
