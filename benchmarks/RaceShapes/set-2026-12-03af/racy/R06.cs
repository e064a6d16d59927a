namespace Blind32.CoralReef.Buoys;

public sealed record BuoyReading(string BuoyId, double WaterTempC, double Ph, double TurbidityNtu);

public interface IBuoyClient
{
    Task<BuoyReading> GetLatestAsync(string buoyId, CancellationToken cancellationToken);
}

public sealed record ReefSnapshot(IReadOnlyList<BuoyReading> Readings, IReadOnlyList<string> Unreachable)
{
    public double MeanTemperature => Readings.Count == 0 ? double.NaN : Readings.Average(r => r.WaterTempC);
}

/// <summary>
/// Collects the latest reading from every monitoring buoy on the reef and
/// builds the snapshot shown on the bleaching-risk dashboard.
/// </summary>
public sealed class ReefSurveyAggregator
{
    private readonly IBuoyClient _client;
    private readonly TimeSpan _perBuoyTimeout;

    public ReefSurveyAggregator(IBuoyClient client, TimeSpan perBuoyTimeout)
    {
        _client = client;
        _perBuoyTimeout = perBuoyTimeout;
    }

    public async Task<ReefSnapshot> CollectAsync(IEnumerable<string> buoyIds, CancellationToken cancellationToken)
    {
        var readings = new List<BuoyReading>();
        var unreachable = new List<string>();

        async Task FetchOneAsync(string buoyId)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_perBuoyTimeout);
            try
            {
                var reading = await _client.GetLatestAsync(buoyId, timeout.Token).ConfigureAwait(false);
                if (IsPlausible(reading))
                    readings.Add(reading);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                lock (unreachable)
                {
                    unreachable.Add(buoyId);
                }
            }
        }

        await Task.WhenAll(buoyIds.Select(FetchOneAsync)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        return new ReefSnapshot(readings, unreachable);
    }

    private static bool IsPlausible(BuoyReading reading) =>
        reading.WaterTempC is > -2 and < 40 && reading.Ph is > 6.5 and < 9.5;
}
