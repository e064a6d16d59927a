using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Blind62.Observatory.Tiles
{
    public readonly record struct TileKey(int Zoom, int X, int Y, string Band);

    /// <summary>
    /// Memory cache of rendered sky-survey tiles for the public viewer. Served by every
    /// request thread; a timer compacts the cache back under its budget by evicting the
    /// least recently used tiles.
    /// </summary>
    public sealed class SkyTileCache : IDisposable
    {
        private sealed class Entry
        {
            public Entry(byte[] png, long now)
            {
                Png = png;
                LastUsed = now;
            }

            public byte[] Png { get; }
            public long LastUsed;
        }

        private readonly ConcurrentDictionary<TileKey, Entry> _tiles = new();
        private readonly Func<TileKey, byte[]> _render;
        private readonly long _budgetBytes;
        private readonly Timer _compactor;
        private long _bytes;

        public SkyTileCache(Func<TileKey, byte[]> render, long budgetBytes)
        {
            _render = render;
            _budgetBytes = budgetBytes;
            _compactor = new Timer(_ => Compact(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        }

        public long Bytes => Interlocked.Read(ref _bytes);

        public byte[] Get(TileKey key)
        {
            long now = Environment.TickCount64;
            if (_tiles.TryGetValue(key, out var hit))
            {
                Volatile.Write(ref hit.LastUsed, now);
                return hit.Png;
            }

            var fresh = new Entry(_render(key), now);
            var stored = _tiles.GetOrAdd(key, fresh);
            if (ReferenceEquals(stored, fresh))
            {
                Interlocked.Add(ref _bytes, fresh.Png.Length);
            }
            else
            {
                Volatile.Write(ref stored.LastUsed, now);
            }

            return stored.Png;
        }

        internal void Compact()
        {
            if (Interlocked.Read(ref _bytes) <= _budgetBytes)
            {
                return;
            }

            var byAge = new List<(long LastUsed, KeyValuePair<TileKey, Entry> Pair)>();
            foreach (var pair in _tiles)
            {
                byAge.Add((Volatile.Read(ref pair.Value.LastUsed), pair));
            }

            byAge.Sort((a, b) => a.LastUsed.CompareTo(b.LastUsed));
            foreach (var (_, pair) in byAge)
            {
                if (Interlocked.Read(ref _bytes) <= _budgetBytes * 3 / 4)
                {
                    break;
                }

                if (_tiles.TryRemove(pair))
                {
                    Interlocked.Add(ref _bytes, -pair.Value.Png.Length);
                }
            }
        }

        public void Dispose() => _compactor.Dispose();
    }
}
