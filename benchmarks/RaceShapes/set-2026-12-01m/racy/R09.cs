namespace Delivery.Tracking;

public sealed record RawScan(string TrackingNumber, string FacilityCode, DateTimeOffset ScannedAt, string Status);

public sealed record ScanEvent(string TrackingNumber, string City, string Country, DateTimeOffset At, string Status);

public interface IFacilityDirectory
{
    Task<(string City, string Country)> ResolveAsync(string facilityCode, CancellationToken token);
}

/// <summary>
/// Turns raw hub scans into the "latest status" shown on the parcel tracking page.
/// </summary>
public sealed class ScanIngestor
{
    private readonly IFacilityDirectory _facilities;
    private readonly Dictionary<string, ScanEvent> _latest = new(StringComparer.OrdinalIgnoreCase);

    public ScanIngestor(IFacilityDirectory facilities) => _facilities = facilities;

    public async Task<int> IngestBatchAsync(IReadOnlyList<RawScan> scans, CancellationToken token)
    {
        var work = scans.Select(scan => IngestOneAsync(scan, token));
        await Task.WhenAll(work).ConfigureAwait(false);
        return scans.Count;
    }

    public ScanEvent? Latest(string trackingNumber)
        => _latest.TryGetValue(trackingNumber, out var evt) ? evt : null;

    private async Task IngestOneAsync(RawScan scan, CancellationToken token)
    {
        var (city, country) = await _facilities.ResolveAsync(scan.FacilityCode, token).ConfigureAwait(false);
        var evt = new ScanEvent(scan.TrackingNumber, city, country, scan.ScannedAt, scan.Status);

        if (!_latest.TryGetValue(scan.TrackingNumber, out var previous) || previous.At < evt.At)
        {
            _latest[scan.TrackingNumber] = evt;
        }
    }
}
