using System.Collections.Concurrent;

namespace Blind27.StainedGlass.Restoration;

/// <summary>A panel being restored. Mutable while it moves through the workshop.</summary>
public sealed class GlassPanel
{
    public GlassPanel(string id) => Id = id;

    public string Id { get; }
    public List<string> CrackedQuarries { get; } = new();
    public bool Releaded { get; set; }
    public bool Cleaned { get; set; }
    public int Stage { get; set; }
}

/// <summary>
/// Pipeline for the restoration workshop: a survey stage records damage, a releading stage
/// and a cleaning stage follow, each running on its own long-running task.
/// </summary>
public sealed class RestorationPipeline
{
    private readonly BlockingCollection<GlassPanel> _toReleading = new(boundedCapacity: 8);
    private readonly BlockingCollection<GlassPanel> _toCleaning = new(boundedCapacity: 8);
    private readonly BlockingCollection<GlassPanel> _finished = new();

    public Task RunAsync(IEnumerable<string> panelIds, Func<string, IEnumerable<string>> surveyCracks)
    {
        var survey = Task.Factory.StartNew(() =>
        {
            foreach (var id in panelIds)
            {
                var panel = new GlassPanel(id);
                panel.CrackedQuarries.AddRange(surveyCracks(id));
                panel.Stage = 1;
                _toReleading.Add(panel);
            }
            _toReleading.CompleteAdding();
        }, TaskCreationOptions.LongRunning);

        var releading = Task.Factory.StartNew(() =>
        {
            foreach (var panel in _toReleading.GetConsumingEnumerable())
            {
                panel.Releaded = panel.CrackedQuarries.Count > 0;
                panel.CrackedQuarries.Clear();
                panel.Stage = 2;
                _toCleaning.Add(panel);
            }
            _toCleaning.CompleteAdding();
        }, TaskCreationOptions.LongRunning);

        var cleaning = Task.Factory.StartNew(() =>
        {
            foreach (var panel in _toCleaning.GetConsumingEnumerable())
            {
                panel.Cleaned = true;
                panel.Stage = 3;
                _finished.Add(panel);
            }
            _finished.CompleteAdding();
        }, TaskCreationOptions.LongRunning);

        return Task.WhenAll(survey, releading, cleaning);
    }

    /// <summary>Panels that have completed all stages, in completion order.</summary>
    public IEnumerable<GlassPanel> Finished() => _finished.GetConsumingEnumerable();
}
