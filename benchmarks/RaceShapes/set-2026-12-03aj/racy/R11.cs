using System.Threading.Channels;

namespace Blind36.OrganPipes.Voicing;

public sealed record PipeMeasurement(int PipeId, string Rank, double FrequencyHz, double TargetHz, double MouthHeightMm);

public sealed record VoicingAdvice(int PipeId, double CentsOff, double SuggestedMouthHeightMm);

/// <summary>
/// Takes microphone measurements from the voicing bench and works out how far each
/// pipe's mouth should be cut up or down. Several analysers share the bench feed.
/// </summary>
public sealed class VoicingBench
{
    private readonly Channel<PipeMeasurement> _measurements =
        Channel.CreateBounded<PipeMeasurement>(new BoundedChannelOptions(256)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
        });

    private readonly Dictionary<int, VoicingAdvice> _advice = new();
    private readonly int _analysers;

    public VoicingBench(int analysers = 3) => _analysers = analysers;

    public ChannelWriter<PipeMeasurement> Input => _measurements.Writer;

    public async Task<IReadOnlyDictionary<int, VoicingAdvice>> AnalyseAllAsync(CancellationToken ct)
    {
        var workers = new Task[_analysers];
        for (int i = 0; i < workers.Length; i++)
            workers[i] = Task.Run(() => AnalyseAsync(ct), ct);

        await Task.WhenAll(workers).ConfigureAwait(false);
        return new Dictionary<int, VoicingAdvice>(_advice);
    }

    private async Task AnalyseAsync(CancellationToken ct)
    {
        await foreach (var m in _measurements.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            var advice = Analyse(m);
            _advice[m.PipeId] = advice;
        }
    }

    private static VoicingAdvice Analyse(PipeMeasurement m)
    {
        double cents = 1200.0 * Math.Log2(m.FrequencyHz / m.TargetHz);
        // Cutting the mouth higher flattens the pipe; roughly 0.1 mm per 5 cents on a flue.
        double adjust = cents / 5.0 * 0.1;
        return new VoicingAdvice(m.PipeId, Math.Round(cents, 1), Math.Round(m.MouthHeightMm + adjust, 2));
    }
}

public static class BenchSession
{
    public static async Task<IReadOnlyDictionary<int, VoicingAdvice>> RunAsync(
        IEnumerable<PipeMeasurement> recorded, CancellationToken ct)
    {
        var bench = new VoicingBench();
        var analysis = bench.AnalyseAllAsync(ct);

        foreach (var m in recorded)
            await bench.Input.WriteAsync(m, ct).ConfigureAwait(false);
        bench.Input.Complete();

        return await analysis.ConfigureAwait(false);
    }
}
