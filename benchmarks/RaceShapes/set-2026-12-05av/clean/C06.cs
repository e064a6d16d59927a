using System.Collections.Immutable;
using System.Text;

namespace Blind48.Philately.Exhibits;

public sealed record ExhibitFrame(int FrameNumber, string Exhibitor, string Title, int Pages);

/// <summary>
/// Frames booked for the stamp club's annual exhibition. Registered as a
/// singleton: exhibitors book frames from the web form while the floor plan
/// renderer and the judges' tablets read them.
/// </summary>
public sealed class ExhibitFrameRegistry
{
    private readonly object _sync = new();
    private readonly List<ExhibitFrame> _frames = new();
    private int _nextFrame = 1;

    public ExhibitFrame Book(string exhibitor, string title, int pages)
    {
        lock (_sync)
        {
            var frame = new ExhibitFrame(_nextFrame++, exhibitor, title, pages);
            _frames.Add(frame);
            return frame;
        }
    }

    /// <summary>The frames booked so far, as of the moment of the call.</summary>
    public ImmutableArray<ExhibitFrame> Frames
    {
        get
        {
            lock (_sync)
            {
                return _frames.ToImmutableArray();
            }
        }
    }

    public bool Withdraw(int frameNumber)
    {
        lock (_sync)
        {
            return _frames.RemoveAll(f => f.FrameNumber == frameNumber) > 0;
        }
    }
}

/// <summary>
/// Renders the floor plan handout. Called from the handout download endpoint.
/// </summary>
public sealed class FloorPlanRenderer
{
    private readonly ExhibitFrameRegistry _registry;

    public FloorPlanRenderer(ExhibitFrameRegistry registry) => _registry = registry;

    public string Render(int framesPerAisle)
    {
        var sb = new StringBuilder();
        var frames = _registry.Frames;

        for (var i = 0; i < frames.Length; i++)
        {
            if (i % framesPerAisle == 0)
            {
                sb.AppendLine($"-- Aisle {i / framesPerAisle + 1} --");
            }

            var f = frames[i];
            sb.AppendLine($"  Frame {f.FrameNumber,3}: {f.Exhibitor} — {f.Title} ({f.Pages} pages)");
        }

        sb.AppendLine($"{frames.Length} frames, {frames.Sum(f => f.Pages)} pages");
        return sb.ToString();
    }
}
