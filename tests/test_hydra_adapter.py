"""sim/hydra_adapter.py holds the only uses of Hydra's internals; these tests fail when Hydra changes under them:
applying overrides to a composed config must give what Hydra's own compose gives (values and errors), the command
line parser must still have exactly the flags the adapter sorts, and setting Hydra's state aside must restore it."""

import copy

import hydra
import pytest
from hydra import compose, initialize_config_dir
from hydra.core.global_hydra import GlobalHydra
from hydra.errors import HydraException
from omegaconf import OmegaConf
from omegaconf.errors import OmegaConfBaseException

from sim.configs import CONFIG_DIR, compose_raw, register_configs
from sim.hydra_adapter import (
    HYDRA_FLAGS,
    OTHER_ARGUMENTS,
    apply_overrides,
    hydra_command,
    own_hydra,
    parse_command_line,
)

VALUES = ["run.years=3", "needs.hours_by_level=[0,8,16,32,80]", "outreach.supporter_share=0.2", "scenario.cut_year=4.5"]


def test_hydra_is_the_version_the_adapter_was_written_for():
    assert hydra.__version__.startswith("1.3.")


def test_applied_overrides_give_what_hydra_composes():
    groups = ["community=tiny", "policy=tendering"]
    applied = copy.deepcopy(compose_raw(groups))
    apply_overrides(applied, VALUES)
    assert OmegaConf.to_container(applied) == OmegaConf.to_container(compose_raw([*groups, *VALUES]))


@pytest.mark.parametrize("bad", ["run.yeers=3", "run.years=many"])
def test_a_bad_override_is_refused_as_hydra_refuses_it(bad):
    with pytest.raises((HydraException, OmegaConfBaseException)):
        apply_overrides(copy.deepcopy(compose_raw(["community=tiny"])), [bad])


def test_the_command_line_parser_has_the_flags_the_adapter_sorts():
    parser = hydra._internal.utils.get_args_parser()
    assert {action.dest for action in parser._actions} == {*HYDRA_FLAGS, *OTHER_ARGUMENTS}
    args = parse_command_line(["community=tiny", "run.years=2"])
    assert args.overrides == ["community=tiny", "run.years=2"] and not hydra_command(args)
    assert hydra_command(parse_command_line(["--cfg", "job"])) and hydra_command(parse_command_line(["-m", "a=1,2"]))


def test_hydra_state_set_aside_is_put_back():
    register_configs()
    with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base="1.3"):
        before = compose(config_name="config", overrides=["community=tiny"]).community.name
        with own_hydra():
            assert not GlobalHydra.instance().is_initialized()
            compose_raw(["community=ruwaard"])  # composes in its own Hydra state
        assert GlobalHydra.instance().is_initialized()
        assert compose(config_name="config", overrides=["community=tiny"]).community.name == before == "tiny"
