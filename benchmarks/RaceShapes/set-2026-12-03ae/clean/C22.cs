namespace Blind31.AvalanchePatrols.Beacons;

public sealed record BeaconCheck(string PatrollerId, bool Transmitting, double BatteryPercent, string? Fault);

public interface IBeaconTester
{
    Task<BeaconCheck> TestAsync(string patrollerId, CancellationToken ct);
}

/// <summary>
/// Morning transceiver check before the patrol goes out. Every patroller's beacon is tested
/// at the same time at the hut's test gate.
/// </summary>
public sealed class MorningBeaconCheck
{
    private readonly IBeaconTester _tester;

    public MorningBeaconCheck(IBeaconTester tester)
    {
        _tester = tester;
    }

    public async Task<BeaconCheck[]> RunAsync(IReadOnlyList<string> patrollers, CancellationToken ct)
    {
        var results = new BeaconCheck[patrollers.Count];
        var tasks = new Task[patrollers.Count];

        for (int i = 0; i < patrollers.Count; i++)
        {
            int slot = i;
            tasks[slot] = CheckOneAsync(slot);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return results;

        async Task CheckOneAsync(int index)
        {
            string patroller = patrollers[index];
            try
            {
                results[index] = await _tester.TestAsync(patroller, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                results[index] = new BeaconCheck(patroller, false, 0, ex.Message);
            }
        }
    }

    public static string Summarise(IReadOnlyList<BeaconCheck> results)
    {
        int failed = 0;
        var lines = new List<string>();
        foreach (var result in results)
        {
            bool ok = result.Transmitting && result.BatteryPercent >= 50 && result.Fault is null;
            if (!ok)
            {
                failed++;
                lines.Add($"  {result.PatrollerId}: {(result.Fault ?? (result.Transmitting ? "battery low" : "not transmitting"))}");
            }
        }

        lines.Insert(0, failed == 0 ? "All beacons pass." : $"{failed} beacon(s) need attention:");
        return string.Join(Environment.NewLine, lines);
    }
}
