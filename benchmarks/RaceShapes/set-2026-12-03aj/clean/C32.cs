using System.Threading.Channels;

namespace Blind36.Taxidermy.Workflow;

/// <summary>A specimen job card. Owned by whichever stage currently holds it.</summary>
public sealed class JobCard
{
    public JobCard(string tag, string species) { Tag = tag; Species = species; }

    public string Tag { get; }
    public string Species { get; }
    public List<string> Steps { get; } = new();
    public double? DryingDays { get; set; }
    public bool Ready { get; set; }
}

/// <summary>
/// Two-stage studio pipeline: the intake desk fills in a job card and passes it to
/// the preparation bench, which passes it on to the finishing bench.
/// </summary>
public sealed class StudioPipeline
{
    private readonly Channel<JobCard> _toPrep = Channel.CreateBounded<JobCard>(20);
    private readonly Channel<JobCard> _toFinish = Channel.CreateBounded<JobCard>(20);

    public async Task<IReadOnlyList<JobCard>> RunAsync(IEnumerable<(string Tag, string Species)> arrivals, CancellationToken ct)
    {
        var prep = Task.Run(() => PrepareAsync(ct), ct);
        var finish = Task.Run(() => FinishAsync(ct), ct);

        foreach (var (tag, species) in arrivals)
        {
            var card = new JobCard(tag, species);
            card.Steps.Add($"Received {DateTime.Now:d}");
            await _toPrep.Writer.WriteAsync(card, ct).ConfigureAwait(false);
        }
        _toPrep.Writer.Complete();

        await prep.ConfigureAwait(false);
        return await finish.ConfigureAwait(false);
    }

    private async Task PrepareAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var card in _toPrep.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                card.Steps.Add("Skinned and fleshed");
                card.Steps.Add(card.Species.Contains("fish", StringComparison.OrdinalIgnoreCase) ? "Painted skin" : "Tanned");
                card.DryingDays = card.Species.Contains("bird", StringComparison.OrdinalIgnoreCase) ? 14 : 28;
                await _toFinish.Writer.WriteAsync(card, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _toFinish.Writer.Complete();
        }
    }

    private async Task<IReadOnlyList<JobCard>> FinishAsync(CancellationToken ct)
    {
        var done = new List<JobCard>();
        await foreach (var card in _toFinish.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            card.Steps.Add($"Mounted, {card.DryingDays} days drying");
            card.Ready = true;
            done.Add(card);
        }
        return done;
    }
}
