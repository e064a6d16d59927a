using System.Threading;

namespace Numerics.Linear
{
    /// <summary>
    /// Dense matrix routines for the structural solver. Rows of the result are
    /// split into contiguous bands, one band per worker thread.
    /// </summary>
    public static class BandedMultiplier
    {
        public static double[,] Multiply(double[,] a, double[,] b, int threadCount)
        {
            int n = a.GetLength(0);
            int inner = a.GetLength(1);
            int p = b.GetLength(1);
            if (b.GetLength(0) != inner)
                throw new ArgumentException("Inner dimensions do not match.");

            var c = new double[n, p];
            int bandSize = (n + threadCount - 1) / threadCount;
            var threads = new Thread[threadCount];

            for (int t = 0; t < threadCount; t++)
            {
                int start = t * bandSize;
                int end = Math.Min(n, start + bandSize);
                threads[t] = new Thread(() =>
                {
                    for (int i = start; i < end; i++)
                    {
                        for (int j = 0; j < p; j++)
                        {
                            double sum = 0;
                            for (int k = 0; k < inner; k++)
                                sum += a[i, k] * b[k, j];
                            c[i, j] = sum;
                        }
                    }
                });
                threads[t].Start();
            }

            foreach (var thread in threads)
                thread.Join();

            return c;
        }

        public static double FrobeniusNorm(double[,] m, int threadCount)
        {
            int rows = m.GetLength(0);
            int cols = m.GetLength(1);
            var partial = new double[threadCount];
            var threads = new Thread[threadCount];

            for (int t = 0; t < threadCount; t++)
            {
                int worker = t;
                threads[t] = new Thread(() =>
                {
                    double local = 0;
                    for (int i = worker; i < rows; i += threadCount)
                        for (int j = 0; j < cols; j++)
                            local += m[i, j] * m[i, j];
                    partial[worker] = local;
                });
                threads[t].Start();
            }

            double total = 0;
            for (int t = 0; t < threadCount; t++)
            {
                threads[t].Join();
                total += partial[t];
            }

            return Math.Sqrt(total);
        }
    }
}
