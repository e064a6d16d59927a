namespace Delivery.Status;

public sealed record HubScan(string TrackingNumber, string FacilityCode, DateTimeOffset ScannedAt, string Status);

public sealed record ParcelStatus(string TrackingNumber, string Location, DateTimeOffset At, string Status);

public interface IHubDirectory
{
    Task<string> DescribeAsync(string facilityCode, CancellationToken token);
}

/// <summary>
/// Builds the latest status for every parcel in a batch of hub scans.
/// </summary>
public sealed class StatusProjector
{
    private readonly IHubDirectory _hubs;

    public StatusProjector(IHubDirectory hubs) => _hubs = hubs;

    public async Task<IReadOnlyDictionary<string, ParcelStatus>> ProjectAsync(IReadOnlyList<HubScan> scans, CancellationToken token)
    {
        var resolved = await Task.WhenAll(scans.Select(s => ResolveAsync(s, token))).ConfigureAwait(false);

        var latest = new Dictionary<string, ParcelStatus>(StringComparer.OrdinalIgnoreCase);
        foreach (var status in resolved)
        {
            if (!latest.TryGetValue(status.TrackingNumber, out var previous) || previous.At < status.At)
            {
                latest[status.TrackingNumber] = status;
            }
        }

        return latest;
    }

    private async Task<ParcelStatus> ResolveAsync(HubScan scan, CancellationToken token)
    {
        var location = await _hubs.DescribeAsync(scan.FacilityCode, token).ConfigureAwait(false);
        return new ParcelStatus(scan.TrackingNumber, location, scan.ScannedAt, scan.Status);
    }
}
