namespace FerryTimetables.Disruptions;

public sealed class DisruptionBulletin
{
    public string Route { get; init; } = "";
    public List<string> CancelledSailings { get; } = new();
    public List<string> Messages { get; } = new();
    public DateTime IssuedUtc { get; set; }
}

public interface IHarbourMasterFeed
{
    IEnumerable<(string Route, string Sailing, string Reason)> PollCancellations();
}

/// <summary>
/// Builds the disruption bulletin for a route on a background thread (the harbour master's
/// feed is a slow blocking call) and hands the finished bulletin to whoever asked for it.
/// </summary>
public sealed class DisruptionBulletinBuilder
{
    private readonly IHarbourMasterFeed _feed;

    public DisruptionBulletinBuilder(IHarbourMasterFeed feed) => _feed = feed;

    public Task<DisruptionBulletin> BuildAsync(string route)
    {
        var tcs = new TaskCompletionSource<DisruptionBulletin>(TaskCreationOptions.RunContinuationsAsynchronously);

        var worker = new Thread(() =>
        {
            try
            {
                var bulletin = new DisruptionBulletin { Route = route };
                foreach (var (r, sailing, reason) in _feed.PollCancellations())
                {
                    if (!string.Equals(r, route, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }
                    bulletin.CancelledSailings.Add(sailing);
                    bulletin.Messages.Add($"{sailing} cancelled: {reason}");
                }
                bulletin.IssuedUtc = DateTime.UtcNow;
                tcs.SetResult(bulletin);
            }
            catch (Exception ex)
            {
                tcs.SetException(ex);
            }
        })
        { IsBackground = true, Name = $"Bulletin {route}" };
        worker.Start();

        return tcs.Task;
    }

    public Task<string> BuildTextAsync(string route) =>
        BuildAsync(route).ContinueWith(t =>
        {
            var b = t.Result;
            if (b.CancelledSailings.Count == 0)
            {
                return $"{b.Route}: all sailings operating as normal ({b.IssuedUtc:HH:mm} UTC)";
            }
            return $"{b.Route}: {b.CancelledSailings.Count} sailing(s) cancelled" + Environment.NewLine +
                   string.Join(Environment.NewLine, b.Messages);
        }, TaskContinuationOptions.OnlyOnRanToCompletion);
}
