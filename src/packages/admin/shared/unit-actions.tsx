import { Button, View } from '@tarojs/components'
import { disabledWhen } from './admin-page'

/**
 * A unit row's buttons on the admin pages that list units (乡镇管理, 督查 › 考核对象): open its editor,
 * and retire it or bring it back. `classPrefix` keeps each page's own layout classes.
 */
export function UnitActions(props: {
  active: boolean
  busy: boolean
  editLabel: string
  classPrefix: 'towns' | 'inspections'
  onEdit: () => void
  onRetire: () => void
  onRestore: () => void
}) {
  const button = `btn btn--small ${props.classPrefix}__action`
  return (
    <View className={`${props.classPrefix}__actions`}>
      <Button className={button} onClick={props.onEdit}>
        {props.editLabel}
      </Button>
      {props.active ? (
        <Button className={button} disabled={disabledWhen(props.busy)} onClick={props.onRetire}>
          停用
        </Button>
      ) : (
        <Button className={button} disabled={disabledWhen(props.busy)} onClick={props.onRestore}>
          恢复
        </Button>
      )}
    </View>
  )
}
