using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;

namespace Mapping.Tiles
{
    /// <summary>
    /// Lookup table that spreads the bits of a byte so that two coordinates
    /// can be interleaved into a Morton code.
    /// </summary>
    public sealed class MortonTable
    {
        private readonly ushort[] _spread = new ushort[256];

        public MortonTable()
        {
            for (int value = 0; value < 256; value++)
            {
                ushort spread = 0;
                for (int bit = 0; bit < 8; bit++)
                {
                    if ((value & (1 << bit)) != 0)
                        spread |= (ushort)(1 << (2 * bit));
                }
                _spread[value] = spread;
            }
        }

        public ushort Spread(byte value) => _spread[value];
    }

    /// <summary>
    /// Bing-style quadkeys for tile addresses, used as storage keys by the tile
    /// store and computed on every render worker.
    /// </summary>
    public static class QuadKey
    {
        private static MortonTable? s_table;

        private static MortonTable Table
        {
            get
            {
                var table = Volatile.Read(ref s_table);
                if (table != null)
                    return table;

                var built = new MortonTable();
                return Interlocked.CompareExchange(ref s_table, built, null) ?? built;
            }
        }

        public static ulong Interleave(uint x, uint y)
        {
            var table = Table;
            ulong result = 0;
            for (int shift = 0; shift < 32; shift += 8)
            {
                ulong xs = table.Spread((byte)(x >> shift));
                ulong ys = table.Spread((byte)(y >> shift));
                result |= (xs | (ys << 1)) << (2 * shift);
            }
            return result;
        }

        public static string Encode(int zoom, uint x, uint y)
        {
            ulong morton = Interleave(x, y);
            var sb = new StringBuilder(zoom);
            for (int level = zoom - 1; level >= 0; level--)
                sb.Append((char)('0' + (int)((morton >> (2 * level)) & 3)));
            return sb.ToString();
        }

        public static string[] EncodeAll(IReadOnlyList<(int Zoom, uint X, uint Y)> tiles) =>
            tiles.AsParallel().AsOrdered().Select(t => Encode(t.Zoom, t.X, t.Y)).ToArray();
    }
}
