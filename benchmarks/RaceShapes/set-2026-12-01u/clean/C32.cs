namespace Quarry.Vibration;

public sealed record SeismographTrace(string StationId, double[] ParticleVelocityMmS, double SampleRateHz);
public sealed record VibrationReport(string BlastId, double PeakMmS, string WorstStation, bool WithinConsent);

/// <summary>Processes the seismograph traces recorded around a quarry blast.</summary>
public sealed class VibrationAnalyser
{
    private readonly double _consentLimitMmS;
    private string _blastId = "";
    private SeismographTrace[] _traces = Array.Empty<SeismographTrace>();
    private VibrationReport? _lastReport;

    public VibrationAnalyser(double consentLimitMmS) => _consentLimitMmS = consentLimitMmS;

    public VibrationReport? LastReport => _lastReport;

    public async Task<VibrationReport> AnalyseAsync(string blastId, IEnumerable<SeismographTrace> traces)
    {
        _blastId = blastId;
        _traces = traces.ToArray();

        var report = await Task.Run(() =>
        {
            var peak = 0.0;
            var worst = "";
            foreach (var trace in _traces)
            {
                var tracePeak = trace.ParticleVelocityMmS.Length == 0 ? 0 : trace.ParticleVelocityMmS.Max(Math.Abs);
                if (tracePeak > peak)
                {
                    peak = tracePeak;
                    worst = trace.StationId;
                }
            }
            return new VibrationReport(_blastId, peak, worst, peak <= _consentLimitMmS);
        }).ConfigureAwait(false);

        _lastReport = report;
        return report;
    }
}

public static class BlastReviewCommand
{
    public static async Task<int> RunAsync(string blastId, IEnumerable<SeismographTrace> traces, TextWriter output)
    {
        var analyser = new VibrationAnalyser(consentLimitMmS: 10.0);
        var report = await analyser.AnalyseAsync(blastId, traces);
        output.WriteLine($"{report.BlastId}: peak {report.PeakMmS:F2} mm/s at {report.WorstStation}");
        return analyser.LastReport!.WithinConsent ? 0 : 2;
    }
}
