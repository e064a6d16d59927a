using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;

namespace Harmonia.Live.Routing
{
    public interface IMidiSink
    {
        void Receive(ReadOnlySpan<byte> message, long timestamp);
    }

    /// <summary>
    /// Routes incoming channel messages to the instruments listening on that channel. The
    /// MIDI input driver calls <see cref="Dispatch"/> on its callback thread while the
    /// routing matrix in the UI connects and disconnects instruments.
    /// </summary>
    public sealed class MidiChannelRouter
    {
        private ImmutableDictionary<int, ImmutableList<IMidiSink>> _routes =
            ImmutableDictionary<int, ImmutableList<IMidiSink>>.Empty;
        private long _dispatched;
        private long _unrouted;

        public void Connect(int channel, IMidiSink sink)
        {
            if (channel is < 0 or > 15) throw new ArgumentOutOfRangeException(nameof(channel));

            ImmutableInterlocked.AddOrUpdate(
                ref _routes,
                channel,
                _ => ImmutableList.Create(sink),
                (_, sinks) => sinks.Contains(sink) ? sinks : sinks.Add(sink));
        }

        public void Disconnect(int channel, IMidiSink sink)
        {
            ImmutableInterlocked.Update(ref _routes, routes =>
            {
                if (!routes.TryGetValue(channel, out var sinks))
                    return routes;
                var remaining = sinks.Remove(sink);
                return remaining.IsEmpty ? routes.Remove(channel) : routes.SetItem(channel, remaining);
            });
        }

        public void Dispatch(ReadOnlySpan<byte> message, long timestamp)
        {
            if (message.IsEmpty || message[0] < 0x80 || message[0] >= 0xF0)
            {
                Interlocked.Increment(ref _unrouted);
                return;
            }

            var routes = Volatile.Read(ref _routes);
            if (!routes.TryGetValue(message[0] & 0x0F, out var sinks))
            {
                Interlocked.Increment(ref _unrouted);
                return;
            }

            foreach (var sink in sinks)
                sink.Receive(message, timestamp);
            Interlocked.Increment(ref _dispatched);
        }

        public IReadOnlyDictionary<int, int> ListenerCounts() =>
            Volatile.Read(ref _routes).ToDictionary(p => p.Key, p => p.Value.Count);

        public (long Dispatched, long Unrouted) Counters =>
            (Interlocked.Read(ref _dispatched), Interlocked.Read(ref _unrouted));
    }
}
