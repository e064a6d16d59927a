using System.Net.Http.Json;

namespace Blind37.Orienteering.Results;

public sealed record ControlUnit(int Code, string Address);

public sealed record PunchRecord(int ControlCode, long ChipNumber, TimeSpan PunchTime);

public interface IControlUnitClient
{
    Task<IReadOnlyList<PunchRecord>> ReadPunchesAsync(ControlUnit unit, CancellationToken cancellationToken);
}

/// <summary>Reads the punch memory of a radio control unit over the event's field network.</summary>
public sealed class HttpControlUnitClient : IControlUnitClient
{
    private readonly HttpClient _http;

    public HttpControlUnitClient(HttpClient http) => _http = http;

    public async Task<IReadOnlyList<PunchRecord>> ReadPunchesAsync(ControlUnit unit, CancellationToken cancellationToken)
    {
        var punches = await _http.GetFromJsonAsync<PunchRecord[]>($"http://{unit.Address}/punches", cancellationToken)
            .ConfigureAwait(false);
        return punches ?? Array.Empty<PunchRecord>();
    }
}

/// <summary>
/// Collects the punches from every control on the course after the last starter is out,
/// so results can be built for runners whose chips were not read at the finish.
/// </summary>
public sealed class ControlPunchCollector
{
    private readonly IControlUnitClient _client;

    public ControlPunchCollector(IControlUnitClient client) => _client = client;

    public async Task<IReadOnlyList<PunchRecord>> CollectAsync(IEnumerable<ControlUnit> units, CancellationToken cancellationToken)
    {
        var records = new List<PunchRecord>();

        await Task.WhenAll(units.Select(async unit =>
        {
            var punches = await _client.ReadPunchesAsync(unit, cancellationToken).ConfigureAwait(false);
            records.AddRange(punches);
        })).ConfigureAwait(false);

        records.Sort((a, b) => a.PunchTime.CompareTo(b.PunchTime));
        return records;
    }

    public async Task<IReadOnlyDictionary<long, IReadOnlyList<int>>> ControlsVisitedByChipAsync(
        IEnumerable<ControlUnit> units, CancellationToken cancellationToken)
    {
        var records = await CollectAsync(units, cancellationToken).ConfigureAwait(false);
        return records
            .GroupBy(r => r.ChipNumber)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<int>)g.Select(r => r.ControlCode).ToArray());
    }
}

/// <summary>Works out which runners missed a control on their course.</summary>
public static class MispunchCheck
{
    public static IEnumerable<long> FindMispunches(
        IReadOnlyDictionary<long, IReadOnlyList<int>> visitedByChip,
        IReadOnlyDictionary<long, IReadOnlyList<int>> courseByChip)
    {
        foreach (var (chip, course) in courseByChip)
        {
            if (!visitedByChip.TryGetValue(chip, out var visited))
            {
                yield return chip;
                continue;
            }

            var next = 0;
            foreach (var code in visited)
            {
                if (next < course.Count && course[next] == code)
                {
                    next++;
                }
            }

            if (next < course.Count)
            {
                yield return chip;
            }
        }
    }
}
