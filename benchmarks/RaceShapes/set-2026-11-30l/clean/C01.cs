using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Harmonia.DrumMachine.Rendering
{
    public readonly record struct Hit(int Step, byte Note, byte Velocity);

    public readonly record struct TimedEvent(long Tick, byte Status, byte Data1, byte Data2);

    public sealed class PatternLane
    {
        public PatternLane(string instrument, byte channel, IReadOnlyList<Hit> hits)
        {
            Instrument = instrument;
            Channel = channel;
            Hits = hits;
        }

        public string Instrument { get; }
        public byte Channel { get; }
        public IReadOnlyList<Hit> Hits { get; }
        public bool Soloed { get; init; }
    }

    /// <summary>Renders a drum pattern into MIDI events for the requested number of bars.</summary>
    public sealed class PatternRenderer
    {
        private readonly int _ticksPerStep;
        private readonly int _stepsPerBar;

        public PatternRenderer(int ticksPerStep, int stepsPerBar)
        {
            _ticksPerStep = ticksPerStep;
            _stepsPerBar = stepsPerBar;
        }

        public IReadOnlyList<TimedEvent> Render(IReadOnlyList<PatternLane> lanes, int bars, double humanize, int seed)
        {
            bool anySolo = lanes.Any(l => l.Soloed);
            var audible = lanes.Where(l => !anySolo || l.Soloed).ToList();
            var merged = new List<TimedEvent>();

            Parallel.ForEach(
                audible,
                () => new List<TimedEvent>(),
                (lane, _, local) =>
                {
                    var random = new Random(HashCode.Combine(seed, lane.Instrument));
                    byte channel = (byte)(lane.Channel & 0x0F);
                    for (int bar = 0; bar < bars; bar++)
                    {
                        foreach (var hit in lane.Hits)
                        {
                            long tick = ((long)bar * _stepsPerBar + hit.Step) * _ticksPerStep;
                            int jitter = (int)Math.Round((random.NextDouble() - 0.5) * humanize * _ticksPerStep);
                            tick = Math.Max(0, tick + jitter);
                            local.Add(new TimedEvent(tick, (byte)(0x90 | channel), hit.Note, hit.Velocity));
                            local.Add(new TimedEvent(tick + _ticksPerStep / 2, (byte)(0x80 | channel), hit.Note, 0));
                        }
                    }
                    return local;
                },
                local =>
                {
                    lock (merged)
                    {
                        merged.AddRange(local);
                    }
                });

            merged.Sort((a, b) => a.Tick != b.Tick ? a.Tick.CompareTo(b.Tick) : (a.Status & 0xF0).CompareTo(b.Status & 0xF0));
            return merged;
        }
    }
}
