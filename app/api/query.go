package api

import (
	"slices"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"
)

// onlyQuery refuses, with 400, a query parameter the endpoint does not
// support or one given twice: a filter silently ignored shows a list the
// caller did not ask for.
func onlyQuery(c echo.Context, names ...string) error {
	var unknown []string
	for k, vs := range c.QueryParams() {
		if !slices.Contains(names, k) {
			unknown = append(unknown, k)
			continue
		}
		if len(vs) > 1 {
			return errBadRequest("查询参数 " + k + " 只能指定一次")
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	supported := "无"
	if len(names) > 0 {
		supported = strings.Join(names, "、")
	}
	return errBadRequest("不支持的查询参数：" + strings.Join(unknown, "、") + "（此接口支持：" + supported + "）")
}
