using System.Numerics;

namespace Arena.Simulation;

public struct Unit
{
    public int Team;
    public Vector2 Position;
    public Vector2 Velocity;
    public float Health;
    public float AttackRange;
    public float AttackDamage;
}

/// <summary>
/// Fixed-step battle simulation. Each step moves every unit and then lets every unit
/// attack the nearest enemy in range.
/// </summary>
public sealed class BattleSimulation
{
    private readonly Unit[] _units;
    private readonly float _arenaSize;

    public BattleSimulation(Unit[] units, float arenaSize)
    {
        _units = units;
        _arenaSize = arenaSize;
    }

    public int Step(float deltaSeconds)
    {
        Parallel.For(0, _units.Length, i => Move(ref _units[i], deltaSeconds));

        // units that die during this step still get to strike back
        bool[] aliveAtStart = Array.ConvertAll(_units, u => u.Health > 0);

        Parallel.For(0, _units.Length, i =>
        {
            if (!aliveAtStart[i])
                return;

            int target = FindNearestEnemy(i, aliveAtStart);
            if (target >= 0)
                ApplyDamage(target, _units[i].AttackDamage * deltaSeconds);
        });

        return _units.Count(u => u.Health > 0);
    }

    private void Move(ref Unit unit, float dt)
    {
        if (unit.Health <= 0)
            return;

        unit.Position += unit.Velocity * dt;
        unit.Position = Vector2.Clamp(unit.Position, Vector2.Zero, new Vector2(_arenaSize));
    }

    private int FindNearestEnemy(int attacker, bool[] alive)
    {
        ref readonly Unit self = ref _units[attacker];
        int best = -1;
        float bestDistance = self.AttackRange * self.AttackRange;

        for (int j = 0; j < _units.Length; j++)
        {
            if (j == attacker || !alive[j] || _units[j].Team == self.Team)
                continue;

            float d = Vector2.DistanceSquared(self.Position, _units[j].Position);
            if (d <= bestDistance)
            {
                bestDistance = d;
                best = j;
            }
        }

        return best;
    }

    private void ApplyDamage(int target, float amount)
    {
        _units[target].Health -= amount;
    }
}
