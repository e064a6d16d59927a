using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind64.HedgeLaying.Jobs
{
    public sealed record PleachingJob(string HedgeId, int MetresToLay, string Style);

    /// <summary>Background queue of hedge-laying jobs posted by the scheduling UI.</summary>
    public sealed class HedgeJobQueue
    {
        private readonly Channel<PleachingJob> _channel = Channel.CreateBounded<PleachingJob>(
            new BoundedChannelOptions(200) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        public ValueTask EnqueueAsync(PleachingJob job, CancellationToken ct) => _channel.Writer.WriteAsync(job, ct);

        internal ChannelReader<PleachingJob> Reader => _channel.Reader;
    }

    /// <summary>
    /// Works through queued jobs one at a time and publishes a progress summary
    /// (metres laid per hedge style) for the dashboard.
    /// </summary>
    public sealed class HedgeJobProcessor : BackgroundService
    {
        private readonly HedgeJobQueue _queue;
        private readonly Func<PleachingJob, CancellationToken, Task> _dispatchCrew;
        private readonly Dictionary<string, int> _metresByStyle = new(StringComparer.OrdinalIgnoreCase);
        private int _jobsDone;
        private volatile string _summary = "idle";

        public HedgeJobProcessor(HedgeJobQueue queue, Func<PleachingJob, CancellationToken, Task> dispatchCrew)
        {
            _queue = queue;
            _dispatchCrew = dispatchCrew;
        }

        public string Summary => _summary;

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await _dispatchCrew(job, stoppingToken);

                _metresByStyle[job.Style] = _metresByStyle.GetValueOrDefault(job.Style) + job.MetresToLay;
                _jobsDone++;

                var styles = string.Join(", ", _metresByStyle.Select(kv => $"{kv.Key} {kv.Value} m"));
                _summary = $"{_jobsDone} jobs: {styles}";
            }
        }
    }

    public static class HedgeEndpoints
    {
        public static async Task<string> Schedule(HedgeJobQueue queue, string hedgeId, int metres, string style, CancellationToken ct)
        {
            await queue.EnqueueAsync(new PleachingJob(hedgeId, metres, style), ct);
            return "queued";
        }

        public static string Progress(HedgeJobProcessor processor) => processor.Summary;
    }
}
