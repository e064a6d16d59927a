using System.Collections.Concurrent;

namespace Blind32.PaperMarbling.Pipeline;

/// <summary>A sheet moving through the marbling studio: sized, floated, rinsed, dried.</summary>
public sealed class MarbledSheet
{
    public MarbledSheet(int number, string pattern)
    {
        Number = number;
        Pattern = pattern;
    }

    public int Number { get; }
    public string Pattern { get; }
    public bool Sized { get; set; }
    public List<string> Colours { get; } = new();
    public bool Rinsed { get; set; }
    public TimeSpan DryingTime { get; set; }
}

/// <summary>
/// Three-stage pipeline for a marbling session. Each stage runs on its own
/// thread and passes finished sheets to the next stage through a bounded queue.
/// </summary>
public sealed class MarblingSession
{
    private readonly string[] _palette;

    public MarblingSession(string[] palette) => _palette = palette;

    public IReadOnlyList<MarbledSheet> Run(int sheets, string pattern)
    {
        using var toFloat = new BlockingCollection<MarbledSheet>(boundedCapacity: 4);
        using var toRinse = new BlockingCollection<MarbledSheet>(boundedCapacity: 4);
        var finished = new List<MarbledSheet>();

        var sizing = Task.Factory.StartNew(() =>
        {
            try
            {
                for (var i = 1; i <= sheets; i++)
                {
                    var sheet = new MarbledSheet(i, pattern) { Sized = true };
                    toFloat.Add(sheet);
                }
            }
            finally
            {
                toFloat.CompleteAdding();
            }
        }, TaskCreationOptions.LongRunning);

        var floating = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var sheet in toFloat.GetConsumingEnumerable())
                {
                    foreach (var colour in _palette)
                        sheet.Colours.Add(colour);
                    toRinse.Add(sheet);
                }
            }
            finally
            {
                toRinse.CompleteAdding();
            }
        }, TaskCreationOptions.LongRunning);

        var rinsing = Task.Factory.StartNew(() =>
        {
            foreach (var sheet in toRinse.GetConsumingEnumerable())
            {
                sheet.Rinsed = true;
                sheet.DryingTime = TimeSpan.FromMinutes(20 + 5 * sheet.Colours.Count);
                finished.Add(sheet);
            }
        }, TaskCreationOptions.LongRunning);

        Task.WaitAll(sizing, floating, rinsing);
        return finished;
    }
}
