using System.Collections.Concurrent;

namespace Blind46.PipeOrgan.Workshop;

/// <summary>A pipe moving through the voicing workshop.</summary>
public sealed class PipeWorkItem
{
    public PipeWorkItem(string stop, int midiNote, double lengthMm)
    {
        Stop = stop;
        MidiNote = midiNote;
        LengthMm = lengthMm;
    }

    public string Stop { get; }
    public int MidiNote { get; }
    public double LengthMm { get; set; }
    public double MouthWidthMm { get; set; }
    public double CutUpMm { get; set; }
    public List<string> Notes { get; } = new();
}

/// <summary>
/// Two-stage pipeline: the cutting bench trims pipes to length, the voicing bench
/// sets mouth and cut-up. Each pipe is handed from one stage to the next.
/// </summary>
public sealed class VoicingPipeline
{
    private readonly BlockingCollection<PipeWorkItem> _toVoicing = new(boundedCapacity: 16);
    private readonly BlockingCollection<PipeWorkItem> _finished = new();

    public IReadOnlyList<PipeWorkItem> Run(IEnumerable<PipeWorkItem> pipes, double targetPitchHz)
    {
        var cutting = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var pipe in pipes)
                {
                    double hz = 440.0 * Math.Pow(2, (pipe.MidiNote - 69) / 12.0);
                    pipe.LengthMm = Math.Round(pipe.LengthMm * (hz / targetPitchHz), 1);
                    pipe.Notes.Add($"cut to {pipe.LengthMm} mm");
                    _toVoicing.Add(pipe);
                }
            }
            finally
            {
                _toVoicing.CompleteAdding();
            }
        }, TaskCreationOptions.LongRunning);

        var voicing = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var pipe in _toVoicing.GetConsumingEnumerable())
                {
                    pipe.MouthWidthMm = Math.Round(pipe.LengthMm * 0.22, 1);
                    pipe.CutUpMm = Math.Round(pipe.MouthWidthMm * 0.25, 1);
                    pipe.Notes.Add($"voiced: mouth {pipe.MouthWidthMm} mm, cut-up {pipe.CutUpMm} mm");
                    _finished.Add(pipe);
                }
            }
            finally
            {
                _finished.CompleteAdding();
            }
        }, TaskCreationOptions.LongRunning);

        var done = new List<PipeWorkItem>();
        foreach (var pipe in _finished.GetConsumingEnumerable())
            done.Add(pipe);

        Task.WaitAll(cutting, voicing);
        return done;
    }
}
