using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Quant.Simulation
{
    /// <summary>
    /// Monte Carlo pricer for European options under geometric Brownian motion.
    /// One instance is shared by the pricing service.
    /// </summary>
    public sealed class MonteCarloOptionPricer : IDisposable
    {
        private static int s_seed = Environment.TickCount;

        private readonly ThreadLocal<Random> _random =
            new(() => new Random(Interlocked.Increment(ref s_seed)));

        public async Task<double> PriceCallAsync(double spot, double strike, double rate, double volatility, double years, int paths)
        {
            int workers = Math.Max(1, Environment.ProcessorCount);
            int perWorker = Math.Max(1, paths / workers);

            var batches = new Task<double>[workers];
            for (int w = 0; w < workers; w++)
                batches[w] = Task.Run(() => SimulateBatch(spot, strike, rate, volatility, years, perWorker));

            double[] payoffSums = await Task.WhenAll(batches).ConfigureAwait(false);
            double meanPayoff = payoffSums.Sum() / ((double)perWorker * workers);
            return Math.Exp(-rate * years) * meanPayoff;
        }

        private double SimulateBatch(double spot, double strike, double rate, double volatility, double years, int count)
        {
            var random = _random.Value!;
            double drift = (rate - 0.5 * volatility * volatility) * years;
            double diffusion = volatility * Math.Sqrt(years);
            double sum = 0;

            for (int i = 0; i < count; i++)
            {
                double z = NextGaussian(random);
                double terminal = spot * Math.Exp(drift + diffusion * z);
                sum += Math.Max(terminal - strike, 0);
            }

            return sum;
        }

        private static double NextGaussian(Random random)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }

        public void Dispose() => _random.Dispose();
    }
}
