using Microsoft.Extensions.Hosting;

namespace LlamaTrek.Assignments;

public sealed record Assignment(string Llama, string Guide);

public interface IHerdDirectory
{
    Task<IReadOnlyList<string>> GetRestedLlamasAsync(CancellationToken ct);
    Task<IReadOnlyList<string>> GetGuidesOnDutyAsync(CancellationToken ct);
}

/// <summary>
/// Re-pairs rested llamas with the guides on duty every minute. Registered both
/// as a singleton and as a hosted service so the trek desk API can ask for the
/// current pairings.
/// </summary>
public sealed class TrekAssignmentService : BackgroundService
{
    private readonly IHerdDirectory _herd;
    private readonly Dictionary<string, string> _llamaToGuide = new(StringComparer.OrdinalIgnoreCase);

    public TrekAssignmentService(IHerdDirectory herd) => _herd = herd;

    /// <summary>Called by the trek desk endpoints.</summary>
    public IReadOnlyList<Assignment> GetAssignments() =>
        _llamaToGuide.Select(kv => new Assignment(kv.Key, kv.Value)).ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            var rested = await _herd.GetRestedLlamasAsync(stoppingToken);
            var guides = await _herd.GetGuidesOnDutyAsync(stoppingToken);
            if (guides.Count == 0)
            {
                continue;
            }

            _llamaToGuide.Clear();
            for (int i = 0; i < rested.Count; i++)
            {
                // Each guide leads a string of at most four llamas.
                if (i >= guides.Count * 4)
                {
                    break;
                }
                _llamaToGuide[rested[i]] = guides[i % guides.Count];
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
