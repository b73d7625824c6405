using ActorPool.Child;

namespace ActorPool.Tests.Unit;

public sealed class ChildAdmissionsTests
{
    [Fact]
    public void Admit_MaxTasksThree_ThirdIsTheLastAndTheFourthIsRefused()
    {
        var admissions = new ChildAdmissions(maxTasks: 3);

        Assert.Equal(
            [Admission.Admitted, Admission.Admitted, Admission.AdmittedLast, Admission.Refused],
            [admissions.Admit(), admissions.Admit(), admissions.Admit(), admissions.Admit()]);
        Assert.True(admissions.IsRetiring);
    }

    [Fact]
    public void Finish_LastTaskOfARetiringChild_ReportsDrainedOnce()
    {
        var admissions = new ChildAdmissions(maxTasks: 2);
        admissions.Admit();
        admissions.Admit();

        Assert.False(admissions.Finish());
        Assert.True(admissions.Finish());
        Assert.True(admissions.Idle);
    }

    [Fact]
    public void TryRetire_WithTasksRunning_DrainsWhenTheLastEnds()
    {
        var admissions = new ChildAdmissions(maxTasks: 0);
        admissions.Admit();

        Assert.True(admissions.TryRetire(out var drainedAtOnce));
        Assert.False(drainedAtOnce);
        Assert.False(admissions.TryRetire(out _));
        Assert.Equal(Admission.Refused, admissions.Admit());
        Assert.True(admissions.Finish());
    }

    [Fact]
    public void TryRetire_Idle_IsDrainedAtOnceAndNeverAgain()
    {
        var admissions = new ChildAdmissions(maxTasks: 0);

        Assert.True(admissions.TryRetire(out var drained));
        Assert.True(drained);
        Assert.Equal(Admission.Refused, admissions.Admit());
    }

    [Fact]
    public void Admit_Unlimited_NeverRetires()
    {
        var admissions = new ChildAdmissions(maxTasks: 0);
        for (var i = 0; i < 1000; i++)
            Assert.Equal(Admission.Admitted, admissions.Admit());
        Assert.False(admissions.IsRetiring);
    }
}
