namespace TrafficControl.Junctions.Health;

public interface IJunctionControllerClient
{
    Task PingAsync(string junctionId, CancellationToken ct);
    Task<string> GetFirmwareVersionAsync(string junctionId, CancellationToken ct);
}

public sealed record SweepResult(IReadOnlyList<string> Unreachable, IReadOnlyDictionary<string, string> Firmware);

/// <summary>
/// Nightly sweep over all traffic light controllers in the district: pings each
/// controller and records its firmware version for the maintenance report.
/// </summary>
public sealed class JunctionHealthSweep
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly IJunctionControllerClient _client;
    private readonly List<string> _unreachable = new();

    public JunctionHealthSweep(IJunctionControllerClient client)
    {
        _client = client;
    }

    public async Task<SweepResult> RunAsync(IReadOnlyCollection<string> junctionIds, CancellationToken ct)
    {
        _unreachable.Clear();

        var probes = junctionIds.Select(id => ProbeAsync(id, ct)).ToArray();
        var versions = await Task.WhenAll(probes);

        var firmware = junctionIds
            .Zip(versions)
            .Where(pair => pair.Second is not null)
            .ToDictionary(pair => pair.First, pair => pair.Second!);

        return new SweepResult(_unreachable.ToArray(), firmware);
    }

    private async Task<string?> ProbeAsync(string junctionId, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);

        try
        {
            await _client.PingAsync(junctionId, timeout.Token);
            return await _client.GetFirmwareVersionAsync(junctionId, timeout.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            _unreachable.Add(junctionId);
            return null;
        }
    }
}
