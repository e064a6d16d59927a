using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Harmonia.Sequencer.Export
{
    public readonly record struct Note(long StartTick, long DurationTicks, byte Pitch, byte Velocity);

    public readonly record struct MidiEvent(long Tick, byte Status, byte Data1, byte Data2);

    public sealed class Track
    {
        public Track(string name, int channel, IReadOnlyList<Note> notes)
        {
            Name = name;
            Channel = channel;
            Notes = notes;
        }

        public string Name { get; }
        public int Channel { get; }
        public IReadOnlyList<Note> Notes { get; }
        public bool Muted { get; init; }
    }

    /// <summary>
    /// Flattens the tracks of an arrangement into one time-ordered event stream
    /// for Standard MIDI File type 0 export.
    /// </summary>
    public sealed class ArrangementFlattener
    {
        private readonly int _ticksPerQuarter;

        public ArrangementFlattener(int ticksPerQuarter)
        {
            if (ticksPerQuarter <= 0) throw new ArgumentOutOfRangeException(nameof(ticksPerQuarter));
            _ticksPerQuarter = ticksPerQuarter;
        }

        public IReadOnlyList<MidiEvent> Flatten(IReadOnlyList<Track> tracks, double swing)
        {
            int capacity = tracks.Sum(t => t.Notes.Count) * 2;
            var events = new List<MidiEvent>(capacity);

            Parallel.ForEach(tracks.Where(t => !t.Muted), track =>
            {
                byte channel = (byte)(track.Channel & 0x0F);
                foreach (var note in track.Notes)
                {
                    long start = ApplySwing(note.StartTick, swing);
                    long end = start + Math.Max(1, note.DurationTicks);
                    events.Add(new MidiEvent(start, (byte)(0x90 | channel), note.Pitch, note.Velocity));
                    events.Add(new MidiEvent(end, (byte)(0x80 | channel), note.Pitch, 0));
                }
            });

            // Note-offs sort before note-ons on the same tick so retriggered notes are not cut short.
            events.Sort((a, b) =>
            {
                int byTick = a.Tick.CompareTo(b.Tick);
                if (byTick != 0) return byTick;
                return (a.Status & 0xF0).CompareTo(b.Status & 0xF0);
            });
            return events;
        }

        private long ApplySwing(long tick, double swing)
        {
            long eighth = _ticksPerQuarter / 2;
            if (eighth == 0 || swing <= 0) return tick;
            long position = tick % _ticksPerQuarter;
            if (position != eighth) return tick;
            return tick + (long)(eighth * Math.Clamp(swing, 0, 1) / 3);
        }
    }
}
