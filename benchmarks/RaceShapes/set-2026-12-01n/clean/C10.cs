namespace Customs.Manifests;

public sealed record ManifestLine(string ContainerId, string HsCode, decimal GrossKg, string Consignee);

public sealed record ManifestCheckResult(int Cleared, IReadOnlyList<string> Holds);

public interface ISanctionsScreening
{
    Task<bool> IsListedAsync(string consignee, CancellationToken ct);
}

/// <summary>
/// Screens every line of a vessel's cargo manifest before the ship berths. The screening
/// calls are independent and run together; findings are collected as they complete.
/// </summary>
public sealed class ManifestScreener
{
    private readonly ISanctionsScreening _screening;
    private readonly SemaphoreSlim _findingsMutex = new(1, 1);
    private readonly List<string> _holds = new();
    private int _cleared;

    public ManifestScreener(ISanctionsScreening screening) => _screening = screening;

    public async Task<ManifestCheckResult> ScreenAsync(IReadOnlyList<ManifestLine> lines, CancellationToken ct)
    {
        await _findingsMutex.WaitAsync(ct);
        try
        {
            _holds.Clear();
            _cleared = 0;
        }
        finally
        {
            _findingsMutex.Release();
        }

        await Task.WhenAll(lines.Select(line => ScreenLineAsync(line, ct)));

        await _findingsMutex.WaitAsync(ct);
        try
        {
            return new ManifestCheckResult(_cleared, _holds.ToArray());
        }
        finally
        {
            _findingsMutex.Release();
        }
    }

    private async Task ScreenLineAsync(ManifestLine line, CancellationToken ct)
    {
        string? hold = null;
        try
        {
            if (await _screening.IsListedAsync(line.Consignee, ct).ConfigureAwait(false))
            {
                hold = $"{line.ContainerId}: consignee {line.Consignee} is on a sanctions list";
            }
            else if (line.GrossKg <= 0)
            {
                hold = $"{line.ContainerId}: gross weight missing";
            }
        }
        catch (HttpRequestException ex)
        {
            hold = $"{line.ContainerId}: screening unavailable ({ex.Message})";
        }

        await _findingsMutex.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (hold is null)
            {
                _cleared++;
            }
            else
            {
                _holds.Add(hold);
            }
        }
        finally
        {
            _findingsMutex.Release();
        }
    }
}
